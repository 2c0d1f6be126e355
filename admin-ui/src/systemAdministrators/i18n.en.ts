/** English texts of the grid "Systemadministratörer" (see i18n.sv.ts). Merged into i18n/en.ts. */
export const enSystemAdministrators = {
  resources: {
    'system-administrators': {
      name: 'System administrator |||| System administrators',
      fields: {
        q: 'Search',
        systemId: 'System',
        systemName: 'System',
        personId: 'Person',
        personName: 'Name',
        personUserId: 'VGR-ID',
        personHsaId: 'HSA-id',
        createdAt: 'Added',
      },
    },
  },
  beh: {
    create: { 'system-administrators': 'New system administrator' },
    systemAdministrators: { searchHint: 'Search by name, VGR-ID or system' },
  },
};
