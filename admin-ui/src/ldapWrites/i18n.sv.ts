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
    ldapWrites: {
      searchHint: 'Sök på namn, VGR-ID, HSA-id eller uppdrag',
      actions: 'Åtgärd',
      retry: 'Försök igen',
      retried: 'Skrivningen görs om vid nästa körning.',
      status: { PENDING: 'Väntar', DONE: 'Gjord', FAILED: 'Misslyckad' },
      operation: { ADD: 'Läggs till i uppdraget', REMOVE: 'Tas bort ur uppdraget' },
      reason: { GRANT: 'Nyupplägg', REVOKE: 'Avslut', GRANT_ENDED: 'tidsbegränsning slut' },
    },
  },
};
