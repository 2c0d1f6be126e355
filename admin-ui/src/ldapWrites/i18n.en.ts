/** English texts of "KIV-skrivningar" (issue 15, Write back). Merged into i18n/en.ts. */
export const enLdapWrites = {
  resources: {
    'ldap-writes': {
      name: 'KIV write |||| KIV writes',
      fields: {
        q: 'Search',
        createdAt: 'Created',
        personName: 'Person',
        personHsaId: "Person's HSA-id",
        assignmentName: 'Assignment',
        commissionHsaId: "Assignment's HSA-id",
        careUnitName: 'Care unit',
        operation: 'Change',
        orderId: 'Order',
        status: 'Status',
        outcome: 'Outcome',
        attempts: 'Attempts',
        nextAttemptAt: 'Next attempt',
        lastError: 'Last error',
        doneAt: 'Done',
      },
    },
  },
  beh: {
    // The events of carrying out a VMU order in ldap mode and of retrying a write.
    orders: { eventAction: { VMU_ORDER_HANDED_OVER: 'Handed over to KIV' } },
    auditEvents: {
      action: { VMU_ORDER_HANDED_OVER: 'Order handed over to KIV', LDAP_WRITE_RETRIED: 'KIV write retried' },
    },
    ldapWrites: {
      searchHint: 'Search by name, VGR-ID, HSA-id or assignment',
      actions: 'Action',
      retry: 'Try again',
      retried: 'The write will be made at the next run.',
      order: 'The order',
      outcome: {
        WRITTEN: 'Written to KIV',
        ALREADY_ADD: 'Already in KIV',
        ALREADY_REMOVE: 'Already absent from KIV',
        STILL_HELD: 'Not removed: the person holds the assignment again',
      },
      status: { PENDING: 'Waiting', DONE: 'Done', FAILED: 'Failed' },
      operation: { ADD: 'Added to the assignment', REMOVE: 'Removed from the assignment' },
      reason: { GRANT: 'grant', REVOKE: 'revoke', GRANT_ENDED: 'time limit ended' },
    },
  },
};
