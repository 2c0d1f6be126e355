import type { EntityManager } from 'typeorm';

/**
 * Leavers and movers (issue 15, point 4), the directory's side: which engagements have ended and
 * not yet been acted on (`leaver_due`, filled by a trigger on `engagement` whoever writes it: the
 * grid in embedded mode, the KIV sync in ldap mode), and what the leaver holds at the unit. The
 * scheduler's leavers job claims them; the orders module places the revokes, the delegations
 * module ends the delegations.
 */

/** An ended engagement claimed for acting on, until the claiming transaction ends. */
export interface EndedEngagement {
  engagementId: string;
  personId: string;
  careUnitId: string;
  /** The engagement's last day (`valid_to`). */
  lastDay: string;
  /** The day after: the first day without it, a revoke's date (rule 16). */
  firstDayWithout: string;
  /** The unit's head of unit now (null when the directory names none). */
  headId: string | null;
  /**
   * The person has another engagement at the same unit that runs on the first day without this
   * one: a move within the unit, not a leaver. Nothing is done.
   */
  stillEngaged: boolean;
}

/**
 * Claims up to `limit` ended engagements not yet acted on, oldest first, `FOR UPDATE SKIP LOCKED`:
 * another process ticking at the same moment takes the next ones instead of the same. Rows held
 * back (`waiting`: the unit had no head to attest) are tried again, last.
 */
export function claimEndedEngagements(m: EntityManager, limit: number): Promise<EndedEngagement[]> {
  return m.query<EndedEngagement[]>(
    `WITH claimed AS (
       SELECT d.engagement_id, d.valid_to FROM leaver_due d
        ORDER BY d.waiting IS NOT NULL, d.queued_at, d.engagement_id
        LIMIT $1 FOR UPDATE OF d SKIP LOCKED
     )
     SELECT e.id AS "engagementId", e.person_id AS "personId", e.care_unit_id AS "careUnitId",
            to_char(c.valid_to, 'YYYY-MM-DD') AS "lastDay",
            to_char(c.valid_to + 1, 'YYYY-MM-DD') AS "firstDayWithout",
            cu.head_of_unit_id AS "headId",
            EXISTS (SELECT 1 FROM engagement o
                     WHERE o.person_id = e.person_id AND o.care_unit_id = e.care_unit_id AND o.id <> e.id
                       AND o.valid_from <= c.valid_to + 1
                       AND (o.valid_to IS NULL OR o.valid_to >= c.valid_to + 1)) AS "stillEngaged"
       FROM claimed c
       JOIN engagement e ON e.id = c.engagement_id
       JOIN care_unit cu ON cu.id = e.care_unit_id
      ORDER BY e.id`,
    [limit],
  );
}

/** Done with these claimed engagements: they leave the queue (in the claiming transaction). */
export async function forgetEndedEngagements(
  m: EntityManager,
  engagementIds: readonly string[],
): Promise<void> {
  if (engagementIds.length === 0) return;
  await m.query(`DELETE FROM leaver_due WHERE engagement_id = ANY($1::uuid[])`, [engagementIds]);
}

/** These stay queued, held back because their unit has no head of unit to attest the revokes. */
export async function holdBackEndedEngagements(
  m: EntityManager,
  engagementIds: readonly string[],
): Promise<void> {
  if (engagementIds.length === 0) return;
  await m.query(`UPDATE leaver_due SET waiting = 'NO_HEAD_OF_UNIT' WHERE engagement_id = ANY($1::uuid[])`, [
    engagementIds,
  ]);
}

/**
 * A SELECT of the holdings that must be revoked for a leaver: those of the person `personId` of
 * assignments of the unit `careUnitId` still running on `firstDayWithout` (or beginning later),
 * as (assignment_id, assignment_name). A time-limited holding that ends before that day ends by
 * itself and is not listed.
 */
export const leaverHoldingsSql = (personId: string, careUnitId: string, firstDayWithout: string): string =>
  `SELECT DISTINCT lh.assignment_id, la.name AS assignment_name, la.kind AS assignment_kind
     FROM held_assignment lh JOIN assignment la ON la.id = lh.assignment_id
    WHERE lh.person_id = ${personId} AND la.care_unit_id = ${careUnitId}
      AND (lh.valid_to IS NULL OR lh.valid_to >= ${firstDayWithout}::date)`;

/**
 * True when the person `personId` has an engagement at the unit `careUnitId` valid on `day`:
 * a delegation for the unit follows its delegate's engagement there.
 */
export const engagedAtUnitSql = (personId: string, careUnitId: string, day: string): string =>
  `EXISTS (SELECT 1 FROM engagement ue
            WHERE ue.person_id = ${personId} AND ue.care_unit_id = ${careUnitId}
              AND ue.valid_from <= ${day}::date AND (ue.valid_to IS NULL OR ue.valid_to >= ${day}::date))`;
