/**
 * What waits for the signed-in user's attest, on the start page's tile and in the menu, and whom they
 * stand in for (rule 41; merged into sv.ts).
 */
export const svWaiting = {
  beh: {
    start: {
      attest: {
        waiting:
          '%{smart_count} beställning väntar på din attest. |||| %{smart_count} beställningar väntar på din attest.',
        waitingNone: 'Inga beställningar väntar på din attest.',
        standingInFor: 'Du är ersättare för %{name} till och med %{until}.',
      },
    },
    attest: {
      menuWaiting: '%{smart_count} väntar',
    },
  },
};
