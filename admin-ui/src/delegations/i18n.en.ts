/** English texts of delegations for verksamheter (issue 14), merged into i18n/en.ts. */
export const enDelegationOperations = {
  resources: {
    delegations: {
      fields: {
        target: 'Delegation for',
        accessOperationId: 'Operation',
        accessOperationName: 'Operation',
        areaName: 'Area',
        unitOrOperation: 'Care unit / operation',
      },
    },
  },
  beh: {
    delegations: {
      target: { UNIT: 'Care unit', OPERATION: 'Operation' },
      targetHint: 'Operations order access to local and regional systems',
      operationHint: "Search on the operation's or the area's name",
      noOperationFound: 'No operation found',
      operationsFailed: 'The operations you may delegate for could not be fetched: %{message}',
      noGrantableTargets:
        'You are not head of any care unit nor responsible head of any operation and therefore cannot grant delegations.',
      wholeOperation: 'The whole operation',
      operationScope: 'A delegation for an operation covers all its access templates.',
    },
  },
};
