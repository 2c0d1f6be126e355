/** English texts of the grid "Revisorer" (see i18n.sv.ts). Merged into i18n/en.ts. */
export const enAuditors = {
  resources: {
    auditors: {
      name: 'Auditor |||| Auditors',
      fields: {
        q: 'Search',
        personId: 'Person',
        personName: 'Name',
        personUserId: 'VGR-ID',
        personHsaId: 'HSA-id',
        assignedByName: 'Added by',
        assignedAt: 'Added',
      },
    },
  },
  beh: {
    create: { auditors: 'New auditor' },
    auditors: { searchHint: 'Search by name or VGR-ID' },
    auditEvents: {
      entityType: { auditor: 'Auditor' },
      action: { AUDITOR_ASSIGNED: 'Auditor added', AUDITOR_REMOVED: 'Auditor removed' },
    },
  },
};
