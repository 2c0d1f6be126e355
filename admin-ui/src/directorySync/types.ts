import type { components } from '../api/schema';

/**
 * The directory's sync runs as `GET /api/directory-sync-runs` returns them (server:
 * directory/ldap/directory-sync.controller.ts, SyncRunItem), from the generated API description.
 */
export const SYNC_STATUSES = ['RUNNING', 'DONE', 'FAILED'] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];
export type SyncKind = 'FULL' | 'INCREMENTAL';

export type SyncRunError = components['schemas']['SyncRunError'];

export type SyncRun = components['schemas']['SyncRunItem'];

/** `GET /api/directory-source`: where the directory comes from. */
export type DirectorySource = components['schemas']['DirectorySourceItem'];
