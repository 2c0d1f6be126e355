/** Texts of "Katalogsynkningar" and the read-only directory (issue 15, sync from KIV). Merged into i18n/sv.ts. */
export const svDirectorySync = {
  resources: {
    'directory-sync-runs': {
      name: 'Katalogsynkning |||| Katalogsynkningar',
      fields: {
        startedAt: 'Startad',
        finishedAt: 'Klar',
        kind: 'Typ',
        status: 'Status',
        since: 'Ändringar sedan',
        readCount: 'Lästa',
        createdCount: 'Nya',
        changedCount: 'Ändrade',
        inactivatedCount: 'Inaktiverade',
        errorCount: 'Fel',
        error: 'Varför den misslyckades',
        errors: 'Poster som inte kunde läsas',
        dn: 'Post (DN)',
        message: 'Fel',
      },
    },
  },
  beh: {
    directorySync: {
      readOnly: 'Katalogdata kommer från KIV och ändras där. Ändringar syns här efter nästa synkning.',
      headOnly:
        'Förvaltningen kommer från KIV och ändras där. Förvaltningschefen är BEH:s egen uppgift och ändras här.',
      embedded: 'Katalogen läses inte från KIV (DIRECTORY_SOURCE=embedded): det finns inga synkningar.',
      syncNow: 'Synka nu',
      started: 'Synkningen från KIV har startat.',
      noErrors: 'Inga',
      errorCount: '%{smart_count} post kunde inte läsas |||| %{smart_count} poster kunde inte läsas',
      byPerson: 'av %{name}',
      status: { RUNNING: 'Pågår', DONE: 'Klar', FAILED: 'Misslyckad' },
      kind: { FULL: 'Fullständig', INCREMENTAL: 'Ändringar' },
      trigger: { SCHEDULER: 'schemalagd', MANUAL: 'manuell' },
    },
  },
};
