import type { ReviewRemoval } from '../orders/review-revokes.js';
import {
  catalogueNameSql,
  leftJoinOperation,
  leftJoinProfession,
  leftJoinTemplate,
} from '../access-catalogue/reviews.reads.js';
import {
  assignmentNameSql,
  careUnitNameSql,
  leftJoinAssignment,
  leftJoinCareUnit,
} from '../directory/directory.reads.js';

/*
 * How the reviews' statements name an item `ri` (review_item): a VMU item is an assignment at a
 * care unit, an ACCESS item a template at a verksamhet held for a profession. Its "place" is the
 * care unit or the verksamhet (the reviewer's scope and the report's line); its "holding" the
 * assignment or the template.
 */

/** Joins cu, a (VMU) and op, t, pr (ACCESS) for `ri`; the other kind's are null. */
export const ITEM_JOINS = [
  leftJoinCareUnit('cu', 'ri.care_unit_id'),
  leftJoinAssignment('a', 'ri.assignment_id'),
  leftJoinOperation('op', 'ri.access_operation_id'),
  leftJoinTemplate('t', 'ri.template_id'),
  leftJoinProfession('pr', 'ri.profession_id'),
].join('\n');

/** 'VMU' or 'ACCESS'. */
export const ITEM_KIND = `(CASE WHEN ri.template_id IS NULL THEN 'VMU' ELSE 'ACCESS' END)`;

/** The care unit's or the verksamhet's id. */
export const PLACE_ID = `coalesce(ri.care_unit_id, ri.access_operation_id)`;

/** The care unit's or the verksamhet's name (with ITEM_JOINS). */
export const PLACE_NAME = `coalesce(${careUnitNameSql('cu')}, ${catalogueNameSql('op')})`;

/** The assignment's name, or the template's (with ITEM_JOINS). */
export const HOLDING_NAME = `coalesce(${assignmentNameSql('a')}, ${catalogueNameSql('t')})`;

/** VMU items first, then by place and holding in Swedish order. */
export const ITEM_ORDER = `(ri.template_id IS NOT NULL), ${PLACE_NAME} COLLATE beh_sv, ${HOLDING_NAME} COLLATE beh_sv`;

/**
 * The items of places the reader heads: `units` and `operations` are uuid[] SQL expressions (the
 * care units and verksamheter they head).
 */
export const inPlacesSql = (units: string, operations: string): string =>
  `(ri.care_unit_id = ANY(${units}) OR ri.access_operation_id = ANY(${operations}))`;

/** What the reviews module reads of a closed or signed item to remove it. */
export const REMOVAL_COLUMNS = `ri.person_id AS "personId", ri.care_unit_id AS "careUnitId",
  ri.assignment_id AS "assignmentId", ri.access_operation_id AS "accessOperationId",
  ri.template_id AS "templateId", ri.profession_id AS "professionId"`;

/** An item's holding as REMOVAL_COLUMNS read it. */
export interface RemovalRow {
  personId: string;
  careUnitId: string | null;
  assignmentId: string | null;
  accessOperationId: string | null;
  templateId: string | null;
  professionId: string | null;
}

/** The removal of an item: its assignment at its unit, or its template at its verksamhet. */
export function removalOf(
  row: RemovalRow,
  at: { itemId: string; reviewerId: string; comment: string },
): ReviewRemoval {
  if (row.templateId !== null) {
    return {
      ...at,
      personId: row.personId,
      accessOperationId: row.accessOperationId as string,
      templateId: row.templateId,
      professionId: row.professionId as string,
    };
  }
  return {
    ...at,
    personId: row.personId,
    careUnitId: row.careUnitId as string,
    assignmentId: row.assignmentId as string,
  };
}
