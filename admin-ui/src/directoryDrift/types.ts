import type { components } from '../api/schema';

/**
 * Drift between KIV and BEH's holdings as `GET /api/directory-drift` returns it (server:
 * directory/ldap/drift.queries.ts, DirectoryDriftItem), from the generated API description.
 */
export const DRIFT_KINDS = ['ADDED_ELSEWHERE', 'REMOVED_ELSEWHERE'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export type DirectoryDrift = components['schemas']['DirectoryDriftItem'];
