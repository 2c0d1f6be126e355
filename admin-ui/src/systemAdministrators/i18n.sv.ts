/** Texts of the grid "Systemadministratörer" (issue 14). Merged into i18n/sv.ts. */
export const svSystemAdministrators = {
  resources: {
    'system-administrators': {
      name: 'Systemadministratör |||| Systemadministratörer',
      fields: {
        q: 'Sök',
        systemId: 'System',
        systemName: 'System',
        personId: 'Person',
        personName: 'Namn',
        personUserId: 'VGR-ID',
        personHsaId: 'HSA-id',
        createdAt: 'Tillagd',
      },
    },
  },
  beh: {
    create: { 'system-administrators': 'Ny systemadministratör' },
    systemAdministrators: { searchHint: 'Sök på namn, VGR-ID eller system' },
  },
};
