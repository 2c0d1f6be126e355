/** Texts of the directory lists' active flag (rule 37, gone from KIV). Merged into i18n/sv.ts. */
export const svDirectoryActive = {
  beh: {
    directoryActive: {
      column: 'Aktiv i katalogen',
      yes: 'Ja',
      inactive: 'Inaktiv i KIV',
      showInactive: 'Visa inaktiva',
    },
  },
};
