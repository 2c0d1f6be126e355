/** Texts of "Avvikelser mot KIV" (issue 15, Write back: drift). Merged into i18n/sv.ts. */
export const svDirectoryDrift = {
  resources: {
    'directory-drift': {
      name: 'Avvikelse mot KIV |||| Avvikelser mot KIV',
      fields: {
        q: 'Sök',
        kind: 'Avvikelse',
        open: 'Bara öppna',
        personHsaId: 'Person',
        assignmentName: 'Uppdrag',
        commissionHsaId: 'Uppdragets HSA-id',
        firstSeenAt: 'Först sedd',
        lastSeenAt: 'Senast sedd',
        resolvedAt: 'Försvann',
      },
    },
  },
  beh: {
    directoryDrift: {
      title: 'Avvikelser mot KIV',
      searchHint: 'Sök på namn, VGR-ID, HSA-id eller uppdrag',
      explanation:
        'Medlemskap i uppdrag som någon annan än BEH har lagt till eller tagit bort i KIV. BEH ändrar inte sina innehav efter KIV: rätta med en beställning eller i KIV. En avvikelse försvinner ur listan när synken inte längre ser den.',
      kind: { ADDED_ELSEWHERE: 'Tillagd i KIV', REMOVED_ELSEWHERE: 'Borttagen i KIV' },
    },
  },
};
