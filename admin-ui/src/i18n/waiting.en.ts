/**
 * What waits for the signed-in user's approval, on the start page's tile and in the menu, and whom
 * they stand in for (rule 41; merged into en.ts).
 */
export const enWaiting = {
  beh: {
    start: {
      attest: {
        waiting:
          '%{smart_count} order is waiting for your approval. |||| %{smart_count} orders are waiting for your approval.',
        waitingNone: 'No orders are waiting for your approval.',
        standingInFor: 'You stand in for %{name} through %{until}.',
      },
    },
    attest: {
      menuWaiting: '%{smart_count} waiting',
    },
  },
};
