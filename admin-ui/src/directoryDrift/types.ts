/**
 * Drift between KIV and BEH's holdings as `GET /api/directory-drift` returns it (server:
 * directory/ldap/drift.queries.ts, DirectoryDriftItem). Written out here until src/api/schema.d.ts
 * is generated again with the route; then `components['schemas']['DirectoryDriftItem']`.
 */
export const DRIFT_KINDS = ['ADDED_ELSEWHERE', 'REMOVED_ELSEWHERE'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DirectoryDrift {
  id: string;
  kind: DriftKind;
  personHsaId: string;
  personId: string | null;
  personName: string | null;
  assignmentId: string;
  assignmentName: string;
  commissionHsaId: string;
  careUnitId: string;
  careUnitName: string;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  open: boolean;
}
