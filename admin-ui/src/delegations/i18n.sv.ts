/** Texts of delegations for verksamheter (issue 14), merged into i18n/sv.ts. Swedish is the reference. */
export const svDelegationOperations = {
  resources: {
    delegations: {
      fields: {
        target: 'Delegering för',
        accessOperationId: 'Verksamhet',
        accessOperationName: 'Verksamhet',
        areaName: 'Område',
        unitOrOperation: 'Vårdenhet / verksamhet',
      },
    },
  },
  beh: {
    delegations: {
      target: { UNIT: 'Vårdenhet', OPERATION: 'Verksamhet' },
      targetHint: 'Verksamheter beställer behörigheter i lokala och regionala system',
      operationHint: 'Sök på verksamhetens eller områdets namn',
      noOperationFound: 'Ingen verksamhet hittades',
      operationsFailed: 'Verksamheterna du kan delegera för kunde inte hämtas: %{message}',
      noGrantableTargets:
        'Du är inte verksamhetschef för någon vårdenhet eller ansvarig chef för någon verksamhet och kan därför inte ge delegeringar.',
      wholeOperation: 'Hela verksamheten',
      operationScope: 'En delegering för en verksamhet gäller alla dess behörighetsmallar.',
    },
  },
};
