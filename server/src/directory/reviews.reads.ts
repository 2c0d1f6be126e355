import { activeSql } from '../common/sql.js';

/**
 * Access reviews (issue 17), the directory's side: which care units a campaign's scope covers and
 * what is held there, as SQL the reviews module composes into its own statements (its snapshot is
 * one INSERT … SELECT over a region's holdings).
 */

/**
 * The ids of the active care units a campaign's scope covers: every unit (`ALL`), the units of
 * one administration, or the units listed. `kind`, `administrationId` and `unitIds` are SQL
 * expressions (parameters: varchar, uuid, uuid[]).
 */
export const reviewScopeUnitsSql = (kind: string, administrationId: string, unitIds: string): string =>
  `SELECT cu.id FROM care_unit cu
    WHERE cu.active
      AND (${kind} = 'ALL'
           OR (${kind} = 'ADMINISTRATION' AND cu.administration_id = ${administrationId})
           OR (${kind} = 'UNITS' AND cu.id = ANY(${unitIds})))`;

/**
 * Every holding of an assignment at the care units `unitIds` (a uuid[] expression) that runs on
 * `day`, with the unit's head (the reviewer by default) and whether the person has an engagement
 * at that unit on `day` (a holding without one is flagged on the reviewer's page). Columns:
 * person_id, assignment_id, care_unit_id, held_from, held_to, head_id, engagement_active.
 */
export const reviewHoldingsSql = (unitIds: string, day: string): string =>
  `SELECT h.person_id, h.assignment_id, a.care_unit_id, h.valid_from AS held_from, h.valid_to AS held_to,
          cu.head_of_unit_id AS head_id,
          EXISTS (SELECT 1 FROM engagement e
                   WHERE e.person_id = h.person_id AND e.care_unit_id = a.care_unit_id
                     AND ${activeSql('e', day)}) AS engagement_active
     FROM held_assignment h
     JOIN assignment a ON a.id = h.assignment_id
     JOIN care_unit cu ON cu.id = a.care_unit_id
    WHERE a.care_unit_id = ANY(${unitIds}) AND ${activeSql('h', day)}`;

/** True when every id of `unitIds` (uuid[]) is a care unit. */
export const careUnitsExistSql = (unitIds: string): string =>
  `(SELECT count(*) FROM care_unit cu WHERE cu.id = ANY(${unitIds})) = cardinality(${unitIds})`;

/** True when `administrationId` is an administration. */
export const administrationExistsSql = (administrationId: string): string =>
  `EXISTS (SELECT 1 FROM administration ad WHERE ad.id = ${administrationId})`;

/**
 * True when the person `personId` (an SQL expression) has an engagement anywhere that runs on
 * `day`: a template holding's engagement, which no care unit ties it to (flagged when false).
 */
export const hasEngagementSql = (personId: string, day: string): string =>
  `EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = ${personId} AND ${activeSql('e', day)})`;

/**
 * For the escalation at a campaign's due date (rule 40): left joins the care unit `careUnitId` (a
 * uuid expression; null for an item of no unit, e.g. one of an access template) as `alias` and its
 * administration, whose head (förvaltningschef, BEH's own column) gets the unit's open items. Read
 * the columns with escalationHeadSql and escalationAdministrationNameSql, the unit's name with
 * directory.reads careUnitNameSql (all null where there is no unit).
 */
export const leftJoinEscalationUnit = (alias: string, careUnitId: string): string =>
  `LEFT JOIN care_unit ${alias} ON ${alias}.id = ${careUnitId}
   LEFT JOIN administration ${alias}_ad ON ${alias}_ad.id = ${alias}.administration_id`;

/** The id of the head of the administration of the unit joined by leftJoinEscalationUnit as `alias`. */
export const escalationHeadSql = (alias: string): string => `${alias}_ad.head_person_id`;

/** The name of the administration of the unit joined by leftJoinEscalationUnit as `alias`. */
export const escalationAdministrationNameSql = (alias: string): string => `${alias}_ad.name`;
