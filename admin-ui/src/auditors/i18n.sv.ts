/** Texts of the grid "Granskare" (issue 17). Merged into i18n/sv.ts. */
export const svAuditors = {
  resources: {
    auditors: {
      name: 'Granskare |||| Granskare',
      fields: {
        q: 'Sök',
        personId: 'Person',
        personName: 'Namn',
        personUserId: 'VGR-ID',
        personHsaId: 'HSA-id',
        assignedByName: 'Tillagd av',
        assignedAt: 'Tillagd',
      },
    },
  },
  beh: {
    create: { auditors: 'Ny granskare' },
    auditors: { searchHint: 'Sök på namn eller VGR-ID' },
    auditEvents: {
      entityType: { auditor: 'Granskare' },
      action: { AUDITOR_ASSIGNED: 'Granskare tillagd', AUDITOR_REMOVED: 'Granskare borttagen' },
    },
  },
};
