/** Texts of "Directory syncs" and the read-only directory (issue 15, sync from KIV). Merged into i18n/en.ts. */
export const enDirectorySync = {
  resources: {
    'directory-sync-runs': {
      name: 'Directory sync |||| Directory syncs',
      fields: {
        startedAt: 'Started',
        finishedAt: 'Finished',
        kind: 'Kind',
        status: 'Status',
        since: 'Changes since',
        readCount: 'Read',
        createdCount: 'Created',
        changedCount: 'Changed',
        inactivatedCount: 'Inactivated',
        errorCount: 'Errors',
        error: 'Why it failed',
        errors: 'Entries that could not be read',
        dn: 'Entry (DN)',
        message: 'Error',
      },
    },
  },
  beh: {
    directorySync: {
      readOnly: 'Directory data comes from KIV and is changed there. Changes show here after the next sync.',
      headOnly:
        'The administration comes from KIV and is changed there. Its head is BEH’s own and is changed here.',
      embedded: 'The directory is not read from KIV (DIRECTORY_SOURCE=embedded): there are no syncs.',
      syncNow: 'Sync now',
      started: 'The sync from KIV has started.',
      noErrors: 'None',
      errorCount: '%{smart_count} entry could not be read |||| %{smart_count} entries could not be read',
      byPerson: 'by %{name}',
      status: { RUNNING: 'Running', DONE: 'Done', FAILED: 'Failed' },
      kind: { FULL: 'Full', INCREMENTAL: 'Changes' },
      trigger: { SCHEDULER: 'scheduled', MANUAL: 'manual' },
    },
  },
};
