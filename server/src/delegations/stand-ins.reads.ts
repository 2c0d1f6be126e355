import type { DataSource, EntityManager } from 'typeorm';
import { queryPrepared } from '../common/prepared.js';
import { joinPerson, personNameSql, personUserIdSql } from '../directory/directory.reads.js';

/**
 * Stand-ins (Ersättare, domain.md rule 41) as other modules read them: the one test of "a stand-in
 * in force on a day", in SQL and TypeScript side by side, and the SQL the attest queue and the
 * attest page compose into their own statements. Other modules never name `stand_in`.
 */

/** What the in-force test looks at of a stand-in. */
export interface StandInValidity {
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD, the last day. */
  validTo: string;
  revokedAt: Date | string | null;
}

/** A stand-in is in force on `day` (YYYY-MM-DD, Stockholm) from its first day through its last, unless revoked. */
export function isActiveStandIn(s: StandInValidity, day: string): boolean {
  return s.revokedAt === null && s.validFrom <= day && s.validTo >= day;
}

/** isActiveStandIn in SQL, for the stand_in row aliased `alias` and the date expression `day`. */
export const activeStandInSql = (alias: string, day: string): string =>
  `(${alias}.revoked_at IS NULL AND ${alias}.valid_from <= ${day}::date AND ${alias}.valid_to >= ${day}::date)`;

/**
 * A SELECT of the attestants the person `standInId` (an SQL expression) stands in for on `day`:
 * one lookup in the partial index stand_in_stand_in_idx.
 */
export const attestantsStoodInForSql = (standInId: string, day: string): string =>
  `SELECT si.attestant_id FROM stand_in si WHERE si.stand_in_id = ${standInId} AND ${activeStandInSql('si', day)}`;

/** True (SQL) when `standInId` stands in for `attestantId` on `day` (all SQL expressions). */
export const standsInForSql = (attestantId: string, standInId: string, day: string): string =>
  `EXISTS (SELECT 1 FROM stand_in si WHERE si.stand_in_id = ${standInId} AND si.attestant_id = ${attestantId}
             AND ${activeStandInSql('si', day)})`;

/** The attestants `standInId` stands in for on `day`, sorted; [] for almost everyone. */
export async function attestantsStoodInFor(
  db: DataSource | EntityManager,
  standInId: string,
  day: string,
): Promise<string[]> {
  const rows = await db.query<{ id: string }[]>(
    `SELECT DISTINCT x.attestant_id AS id FROM (${attestantsStoodInForSql('$1', '$2')}) AS x ORDER BY 1`,
    [standInId, day],
  );
  return rows.map((r) => r.id);
}

/** An attestant someone stands in for on a day, as GET /api/me names them. */
export interface StoodInFor {
  attestantId: string;
  name: string;
  userId: string;
  /** YYYY-MM-DD: the last day of the latest period in force that day. */
  until: string;
}

/** Asked by every GET /api/me: prepared, planned once per connection. */
const STANDING_IN_FOR_SQL = `SELECT si.attestant_id AS "attestantId", ${personNameSql('ap')} AS name,
    ${personUserIdSql('ap')} AS "userId", to_char(max(si.valid_to), 'YYYY-MM-DD') AS until
  FROM stand_in si ${joinPerson('ap', 'si.attestant_id')}
 WHERE si.stand_in_id = $1 AND ${activeStandInSql('si', '$2')}
 GROUP BY si.attestant_id, ap.id
 ORDER BY 2, 1`;

/**
 * The attestants `standInId` stands in for on `day`, with their names and the last day, by name;
 * [] for almost everyone (one lookup in stand_in_stand_in_idx). Direct namings only: a stand-in's
 * own stand-in stands in for nobody through them (stand-ins do not chain, rule 41).
 */
export function standingInFor(
  db: DataSource | EntityManager,
  standInId: string,
  day: string,
): Promise<StoodInFor[]> {
  return queryPrepared<StoodInFor[]>(db, STANDING_IN_FOR_SQL, [standInId, day]);
}
