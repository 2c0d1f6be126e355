/** English texts of the soft rules on order lines (see orderWarnings.sv.ts). Merged into en.ts. */
export const enOrderWarnings = {
  beh: {
    orderWarnings: {
      code: {
        ENGAGEMENT_ELSEWHERE:
          'The person has no active engagement at this care unit; all of their active engagements are at other care units. Check that the person really is to work here.',
      },
      label: 'Warning',
      summaryOrder:
        'The orderer confirmed a warning when placing the order |||| The orderer confirmed warnings on %{smart_count} lines when placing the order',
      summaryAttest:
        'Check the warning before you attest: the orderer confirmed it when placing the order. |||| Check the warnings before you attest: the orderer confirmed them on %{smart_count} lines when placing the order.',
      why: 'A warning does not stop the order. It is shown because the person may need the assignment before their engagement here is registered, for example when on loan or as a consultant.',
    },
  },
};
