import type { DataSource, EntityManager } from 'typeorm';

/**
 * The access catalogue's published reads for ordering access (issue 14, point 3, and the order
 * lists of point 6): templates with their verksamhet, område, professions and systems' roles, the
 * templates a person holds, and SQL fragments for the orders module's list and detail statements.
 * As directory.reads.ts and directory.facts.ts do for the directory, other modules never name the
 * catalogue's tables or columns: a change of its schema touches only this module.
 */

type Db = DataSource | EntityManager;

export interface ProfessionBrief {
  id: string;
  name: string;
}

/** A system a template gives roles in, with the names of those roles. */
export interface TemplateSystem {
  systemId: string;
  systemName: string;
  roles: string[];
}

/** A template as ordering shows and checks it. */
export interface TemplateFacts {
  id: string;
  name: string;
  description: string;
  active: boolean;
  operationId: string;
  operationName: string;
  areaId: string;
  areaName: string;
  /** The professions (yrkeskategorier) it is offered for, by name. */
  professions: ProfessionBrief[];
  /** Its systems by name, each with its roles by name. */
  systems: TemplateSystem[];
}

/** A template a person holds, with the profession it was given for. */
export interface TemplateHolding {
  templateId: string;
  professionId: string;
  professionName: string;
  /** YYYY-MM-DD. */
  heldFrom: string;
}

/** A verksamhet with its område. */
export interface OperationFacts {
  id: string;
  name: string;
  areaId: string;
  areaName: string;
}

/** The systems of the template `templateId` (SQL expression) with their roles, as a jsonb array. */
export const templateSystemsJsonSql = (templateId: string): string =>
  `COALESCE((SELECT jsonb_agg(jsonb_build_object('systemId', ts.system_id, 'systemName', ts.system_name,
                                                 'roles', ts.roles)
                              ORDER BY ts.system_name COLLATE beh_sv, ts.system_id)
               FROM (SELECT tsy.id AS system_id, tsy.name AS system_name,
                            jsonb_agg(tro.name ORDER BY tro.name COLLATE beh_sv, tro.id) AS roles
                       FROM access_template_role ttr
                       JOIN system_role tro ON tro.id = ttr.system_role_id
                       JOIN local_system tsy ON tsy.id = tro.system_id
                      WHERE ttr.template_id = ${templateId}
                      GROUP BY tsy.id, tsy.name) ts), '[]'::jsonb)`;

const TEMPLATE_COLUMNS = `t.id, t.name, t.description, t.active, ao.id AS "operationId", ao.name AS "operationName",
  aa.id AS "areaId", aa.name AS "areaName",
  COALESCE((SELECT jsonb_agg(jsonb_build_object('id', pr.id, 'name', pr.name) ORDER BY pr.name COLLATE beh_sv, pr.id)
              FROM access_template_profession tp JOIN profession pr ON pr.id = tp.profession_id
             WHERE tp.template_id = t.id), '[]'::jsonb) AS professions,
  ${templateSystemsJsonSql('t.id')} AS systems`;

const TEMPLATE_FROM = `access_template t
  JOIN access_operation ao ON ao.id = t.operation_id
  JOIN access_area aa ON aa.id = ao.area_id`;

/** The templates with these ids that exist (in no particular order), active or not. */
export function templatesByIds(db: Db, ids: readonly string[]): Promise<TemplateFacts[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.query<TemplateFacts[]>(
    `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATE_FROM} WHERE t.id = ANY($1::uuid[])`,
    [[...ids]],
  );
}

/**
 * The templates of these verksamheter, active or not: by område, verksamhet and template name in
 * Swedish order.
 */
export function templatesOfOperations(db: Db, operationIds: readonly string[]): Promise<TemplateFacts[]> {
  if (operationIds.length === 0) return Promise.resolve([]);
  return db.query<TemplateFacts[]>(
    `SELECT ${TEMPLATE_COLUMNS} FROM ${TEMPLATE_FROM}
      WHERE ao.id = ANY($1::uuid[])
      ORDER BY aa.name COLLATE beh_sv, aa.id, ao.name COLLATE beh_sv, ao.id, t.name COLLATE beh_sv, t.id`,
    [[...operationIds]],
  );
}

/** The templates the person holds, by template id. */
export async function templateHoldingsOf(db: Db, personId: string): Promise<Map<string, TemplateHolding>> {
  const rows = await db.query<TemplateHolding[]>(
    `SELECT h.template_id AS "templateId", h.profession_id AS "professionId", pr.name AS "professionName",
            to_char(h.held_from, 'YYYY-MM-DD') AS "heldFrom"
       FROM access_holding h JOIN profession pr ON pr.id = h.profession_id
      WHERE h.person_id = $1`,
    [personId],
  );
  return new Map(rows.map((r) => [r.templateId, r]));
}

/** The verksamheter with these ids that exist, with their område. */
export function operationsByIds(db: Db, ids: readonly string[]): Promise<OperationFacts[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.query<OperationFacts[]>(
    `SELECT ao.id, ao.name, aa.id AS "areaId", aa.name AS "areaName"
       FROM access_operation ao JOIN access_area aa ON aa.id = ao.area_id
      WHERE ao.id = ANY($1::uuid[])`,
    [[...ids]],
  );
}

/* Fragments for the orders module's statements (aliases given by the caller). */

// The verksamhet and its område: the fragments operation.reads.ts keeps, under the orders' names.
export {
  leftJoinAccessOperation as leftJoinOrderOperation,
  leftJoinAccessAreaOf as leftJoinOrderArea,
  accessOperationNameSql as orderOperationNameSql,
  accessAreaNameSql as orderAreaNameSql,
} from './operation.reads.js';

/** How lists sort by verksamhet name (Swedish order), of the verksamhet row aliased `alias`. */
export const orderOperationSortSql = (alias: string): string => `${alias}.name COLLATE beh_sv`;

/** Left-joins the template `id` (null for an assignment line) as `alias`. */
export const leftJoinLineTemplate = (alias: string, id: string): string =>
  `LEFT JOIN access_template ${alias} ON ${alias}.id = ${id}`;

/** Left-joins the profession `id` (null for an assignment line) as `alias`. */
export const leftJoinLineProfession = (alias: string, id: string): string =>
  `LEFT JOIN profession ${alias} ON ${alias}.id = ${id}`;

/** The name of the template row (or the profession row) aliased `alias`. */
export const lineTemplateNameSql = (alias: string): string => `${alias}.name`;
export const lineProfessionNameSql = (alias: string): string => `${alias}.name`;

/** How an order's lines sort by template name (Swedish order), of the template row aliased `alias`. */
export const lineTemplateSortSql = (alias: string): string => `${alias}.name COLLATE beh_sv`;

/** The template names of the lines as mails name them: "Behörighetsmall X (Yrkeskategori Y)". */
export const templateLineTextSql = (template: string, profession: string): string =>
  `'Behörighetsmall ' || ${template}.name || ' (Yrkeskategori ' || ${profession}.name || ')'`;
