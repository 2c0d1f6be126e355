/** Texts of "KIV-skrivningar" (issue 15, Write back). Merged into i18n/sv.ts. */
export const svLdapWrites = {
  resources: {
    'ldap-writes': {
      name: 'KIV-skrivning |||| KIV-skrivningar',
      fields: {
        q: 'Sök',
        createdAt: 'Skapad',
        personName: 'Person',
        personHsaId: 'Personens HSA-id',
        assignmentName: 'Uppdrag',
        commissionHsaId: 'Uppdragets HSA-id',
        careUnitName: 'Vårdenhet',
        operation: 'Ändring',
        orderId: 'Beställning',
        status: 'Status',
        outcome: 'Utfall',
        attempts: 'Försök',
        nextAttemptAt: 'Nästa försök',
        lastError: 'Senaste fel',
        doneAt: 'Gjord',
      },
    },
  },
  beh: {
    // The events of carrying out a VMU order in ldap mode and of retrying a write.
    orders: { eventAction: { VMU_ORDER_HANDED_OVER: 'Lämnad till KIV' } },
    auditEvents: {
      action: {
        VMU_ORDER_HANDED_OVER: 'Beställning lämnad till KIV',
        LDAP_WRITE_RETRIED: 'KIV-skrivning görs om',
      },
    },
    ldapWrites: {
      searchHint: 'Sök på namn, VGR-ID, HSA-id eller uppdrag',
      actions: 'Åtgärd',
      retry: 'Försök igen',
      retried: 'Skrivningen görs om vid nästa körning.',
      order: 'Beställningen',
      outcome: {
        WRITTEN: 'Skriven i KIV',
        ALREADY_ADD: 'Fanns redan i KIV',
        ALREADY_REMOVE: 'Saknades redan i KIV',
        STILL_HELD: 'Inte borttagen: personen har uppdraget igen',
      },
      status: { PENDING: 'Väntar', DONE: 'Gjord', FAILED: 'Misslyckad' },
      operation: { ADD: 'Läggs till i uppdraget', REMOVE: 'Tas bort ur uppdraget' },
      reason: { GRANT: 'Nyupplägg', REVOKE: 'Avslut', GRANT_ENDED: 'tidsbegränsning slut' },
    },
  },
};
