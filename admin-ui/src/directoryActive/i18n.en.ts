/** Texts of the directory lists' active flag (rule 37, gone from KIV). Merged into i18n/en.ts. */
export const enDirectoryActive = {
  beh: {
    directoryActive: {
      column: 'Active in the directory',
      yes: 'Yes',
      inactive: 'Inactive in KIV',
      showInactive: 'Show inactive',
    },
  },
};
