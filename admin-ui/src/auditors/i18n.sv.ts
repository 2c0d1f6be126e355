/** Texts of the grid "Revisorer" (issue 17). Merged into i18n/sv.ts. */
export const svAuditors = {
  resources: {
    auditors: {
      name: 'Revisor |||| Revisorer',
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
    create: { auditors: 'Ny revisor' },
    auditors: { searchHint: 'Sök på namn eller VGR-ID' },
    auditEvents: {
      entityType: { auditor: 'Revisor' },
      action: { AUDITOR_ASSIGNED: 'Revisor tillagd', AUDITOR_REMOVED: 'Revisor borttagen' },
    },
  },
};
