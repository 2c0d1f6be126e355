import { API_URL, httpClient, jsonCalls } from '../common/http';
import type { DirectorySource, SyncKind, SyncRun } from './types';

const calls = () => jsonCalls(API_URL, httpClient);

/** "Synka nu": starts a sync from KIV (full unless asked otherwise); answers the run, still running. */
export function startSync(kind: SyncKind = 'FULL'): Promise<SyncRun> {
  return calls().post<SyncRun>('/directory-sync-runs', { kind });
}

/** Where the directory comes from: in ldap mode its grids are read-only. */
export function fetchDirectorySource(): Promise<DirectorySource> {
  return calls().get<DirectorySource>('/directory-source');
}
