/** English texts of "Avvikelser mot KIV" (issue 15, Write back: drift). Merged into i18n/en.ts. */
export const enDirectoryDrift = {
  resources: {
    'directory-drift': {
      name: 'Difference from KIV |||| Differences from KIV',
      fields: {
        q: 'Search',
        kind: 'Difference',
        open: 'Open only',
        personHsaId: 'Person',
        assignmentName: 'Assignment',
        commissionHsaId: "Assignment's HSA-id",
        firstSeenAt: 'First seen',
        lastSeenAt: 'Last seen',
        resolvedAt: 'Went away',
      },
    },
  },
  beh: {
    directoryDrift: {
      title: 'Differences from KIV',
      searchHint: 'Search by name, VGR-ID, HSA-id or assignment',
      explanation:
        'Memberships of assignments that someone other than BEH added or removed in KIV. BEH does not change its holdings after KIV: put it right with an order or in KIV. A difference leaves the list when the sync no longer sees it.',
      kind: { ADDED_ELSEWHERE: 'Added in KIV', REMOVED_ELSEWHERE: 'Removed in KIV' },
    },
  },
};
