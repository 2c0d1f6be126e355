/**
 * The directory's sync runs as `GET /api/directory-sync-runs` returns them (server:
 * directory/ldap/directory-sync.controller.ts, SyncRunItem). Written out here until
 * src/api/schema.d.ts is generated again with the route; then `components['schemas']['SyncRunItem']`.
 */
export const SYNC_STATUSES = ['RUNNING', 'DONE', 'FAILED'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export type SyncKind = 'FULL' | 'INCREMENTAL';

export interface SyncRunError {
  dn: string;
  message: string;
}

export interface SyncRun {
  id: string;
  kind: SyncKind;
  trigger: 'SCHEDULER' | 'MANUAL';
  requestedBy: string | null;
  requestedByName: string | null;
  startedAt: string;
  finishedAt: string | null;
  status: SyncStatus;
  since: string | null;
  readCount: number;
  createdCount: number;
  changedCount: number;
  inactivatedCount: number;
  errorCount: number;
  errors: SyncRunError[];
  error: string | null;
}

/** `GET /api/directory-source`: where the directory comes from. */
export interface DirectorySource {
  source: 'embedded' | 'ldap';
  readOnly: boolean;
}
