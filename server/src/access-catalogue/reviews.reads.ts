/**
 * Access reviews of templates (issue 17, point 1), the access catalogue's side: which verksamheter
 * a campaign's scope covers and which templates people hold there, as SQL the reviews module
 * composes into its snapshot (one INSERT … SELECT), and what a reviewer's page names.
 */

/**
 * The ids of the verksamheter a campaign's scope covers: every one (`ALL`) or those listed
 * (`UNITS`, "chosen"); none for an administration's scope. `kind` and `operationIds` are SQL
 * expressions (varchar, uuid[]).
 */
export const reviewScopeOperationsSql = (kind: string, operationIds: string): string =>
  `SELECT op.id FROM access_operation op
    WHERE ${kind} = 'ALL' OR (${kind} = 'UNITS' AND op.id = ANY(${operationIds}))`;

/**
 * Every template held at the verksamheter `operationIds` (a uuid[] expression), with the
 * verksamhet's head (the reviewer by default) and the order that last granted it (null for one
 * from before BEH). Columns: person_id, template_id, profession_id, access_operation_id,
 * held_from, head_id, order_id.
 */
export const reviewTemplateHoldingsSql = (operationIds: string): string =>
  `SELECT h.person_id, h.template_id, h.profession_id, t.operation_id AS access_operation_id,
          h.held_from, op.head_person_id AS head_id, h.order_id
     FROM access_holding h
     JOIN access_template t ON t.id = h.template_id
     JOIN access_operation op ON op.id = t.operation_id
    WHERE t.operation_id = ANY(${operationIds})`;

/** True when every id of `operationIds` (uuid[]) is a verksamhet. */
export const operationsExistSql = (operationIds: string): string =>
  `(SELECT count(*) FROM access_operation op WHERE op.id = ANY(${operationIds})) = cardinality(${operationIds})`;

/** True when the person `personId` holds the template `templateId` (SQL expressions). */
export const holdsTemplateSql = (personId: string, templateId: string): string =>
  `EXISTS (SELECT 1 FROM access_holding hh WHERE hh.person_id = ${personId} AND hh.template_id = ${templateId})`;

/** Left-joins the verksamhet `id` as `alias` (null for a VMU item). */
export const leftJoinOperation = (alias: string, id: string): string =>
  `LEFT JOIN access_operation ${alias} ON ${alias}.id = ${id}`;

/** Left-joins the template `id` as `alias` (null for a VMU item). */
export const leftJoinTemplate = (alias: string, id: string): string =>
  `LEFT JOIN access_template ${alias} ON ${alias}.id = ${id}`;

/** Left-joins the profession `id` as `alias` (null for a VMU item). */
export const leftJoinProfession = (alias: string, id: string): string =>
  `LEFT JOIN profession ${alias} ON ${alias}.id = ${id}`;

/** The name of the verksamhet, template or profession row aliased `alias` (null when not joined). */
export const catalogueNameSql = (alias: string): string => `${alias}.name`;
