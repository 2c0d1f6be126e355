import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../common/clock.js';
import { activeSql } from '../../common/sql.js';

export const DRIFT_KINDS = ['ADDED_ELSEWHERE', 'REMOVED_ELSEWHERE'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export interface DriftResult {
  /** Differences seen in this pass (new or seen again). */
  seen: number;
  /** Of them, first seen now. */
  opened: number;
  /** Differences open before that are gone now. */
  resolved: number;
}

/**
 * Drift between KIV and BEH's own view (issue 15, Write back: "held_assignment stays as BEH's
 * view and is reconciled by the sync"), found after each sync run: for every active commission,
 * the members KIV had when the sync read it (ldap_commission_member) against the persons BEH
 * holds it for today (held_assignment, by the person's HSA-id):
 *
 * - in KIV, not held in BEH: ADDED_ELSEWHERE (someone added the member in KIV);
 * - held in BEH, not in KIV: REMOVED_ELSEWHERE (someone removed it in KIV).
 *
 * A pair whose write back is under way (due, being delivered, waiting for a retry, or FAILED and
 * so already listed for administrators in KIV-skrivningar) or was written after `syncStartedAt`
 * (the sync may have read KIV before it) is not drift. Each difference is one open row of
 * directory_drift, its first and last sighting; a row no longer seen is resolved. Nothing else
 * changes: drift is never accepted silently, BEH's holdings stay as they are. One statement.
 */
export async function reconcileDrift(
  db: DataSource | EntityManager,
  clock: Clock,
  syncStartedAt: Date,
  /** Only these commissions (an incremental sync's); undefined: every active one (a full pass). */
  assignmentIds?: readonly string[],
): Promise<DriftResult> {
  const scope = `AND ($4::uuid[] IS NULL OR a.id = ANY($4::uuid[]))`;
  const [row] = await db.query<DriftResult[]>(
    `WITH busy AS (
       SELECT DISTINCT w.assignment_id, p.hsa_id AS person_hsa_id
         FROM ldap_write w JOIN person p ON p.id = w.person_id
        WHERE (w.status = 'PENDING' AND (w.attempts > 0 OR w.next_attempt_at <= $1))
           OR w.status = 'FAILED'
           OR (w.status = 'DONE' AND w.done_at >= $3)
     ), found AS (
       -- One hash full join of KIV's members and BEH's holders of the active commissions: the
       -- rows on one side only are the differences.
       SELECT COALESCE(k.assignment_id, b.assignment_id) AS assignment_id,
              COALESCE(k.person_hsa_id, b.person_hsa_id) AS person_hsa_id,
              CASE WHEN b.assignment_id IS NULL THEN 'ADDED_ELSEWHERE' ELSE 'REMOVED_ELSEWHERE' END::varchar AS kind
         FROM (SELECT m.assignment_id, m.person_hsa_id FROM ldap_commission_member m
                 JOIN assignment a ON a.id = m.assignment_id AND a.active ${scope}) k
         FULL JOIN (SELECT h.assignment_id, p.hsa_id AS person_hsa_id
                      FROM held_assignment h
                      JOIN assignment a ON a.id = h.assignment_id AND a.active ${scope}
                      JOIN person p ON p.id = h.person_id
                     WHERE ${activeSql('h', '$2')}) b
           ON b.assignment_id = k.assignment_id AND b.person_hsa_id = k.person_hsa_id
        WHERE k.assignment_id IS NULL OR b.assignment_id IS NULL
     ), drift AS (
       -- DISTINCT: a person may hold one assignment twice on a day (two holdings meeting).
       SELECT DISTINCT f.* FROM found f
        WHERE NOT EXISTS (SELECT 1 FROM busy x
                           WHERE x.assignment_id = f.assignment_id AND x.person_hsa_id = f.person_hsa_id)
     ), seen AS (
       UPDATE directory_drift d SET last_seen_at = $1
         FROM drift f
        WHERE d.resolved_at IS NULL AND d.assignment_id = f.assignment_id
          AND d.person_hsa_id = f.person_hsa_id AND d.kind = f.kind
       RETURNING d.id
     ), opened AS (
       INSERT INTO directory_drift (assignment_id, person_hsa_id, person_id, kind, first_seen_at, last_seen_at)
       SELECT f.assignment_id, f.person_hsa_id,
              (SELECT p.id FROM person p WHERE p.hsa_id = f.person_hsa_id ORDER BY p.active DESC, p.id LIMIT 1),
              f.kind, $1, $1
         FROM drift f
        WHERE NOT EXISTS (SELECT 1 FROM directory_drift d
                           WHERE d.resolved_at IS NULL AND d.assignment_id = f.assignment_id
                             AND d.person_hsa_id = f.person_hsa_id AND d.kind = f.kind)
       ON CONFLICT (assignment_id, person_hsa_id, kind) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id
     ), resolved AS (
       UPDATE directory_drift d SET resolved_at = $1
        WHERE d.resolved_at IS NULL
          AND ($4::uuid[] IS NULL OR d.assignment_id = ANY($4::uuid[]))
          AND NOT EXISTS (SELECT 1 FROM drift f
                           WHERE d.assignment_id = f.assignment_id AND d.person_hsa_id = f.person_hsa_id
                             AND d.kind = f.kind)
       RETURNING d.id
     )
     SELECT (SELECT count(*) FROM seen)::int + (SELECT count(*) FROM opened)::int AS seen,
            (SELECT count(*) FROM opened)::int AS opened,
            (SELECT count(*) FROM resolved)::int AS resolved`,
    [clock.now(), clock.today(), syncStartedAt, assignmentIds === undefined ? null : [...assignmentIds]],
  );
  return row;
}
