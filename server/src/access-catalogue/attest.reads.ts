/**
 * The access catalogue's published reads for the attest of access orders: the verksamhet and
 * område an order is for, and the template lines' templates, professions, systems and roles, as
 * SQL fragments for the orders module's attest statements (as directory.reads.ts does for the
 * directory: other modules never name these tables or columns).
 */

// The verksamhet and its område: the fragments operation.reads.ts keeps, under the attest's names.
export {
  leftJoinAccessOperation as leftJoinOperation,
  leftJoinAccessAreaOf as leftJoinAreaOfOperation,
  accessOperationNameSql as operationNameSql,
  accessAreaNameSql as areaNameSql,
} from './operation.reads.js';

/** Joins the template `id` (null for an assignment line) as `alias`: a left join. */
export const leftJoinTemplate = (alias: string, id: string): string =>
  `LEFT JOIN access_template ${alias} ON ${alias}.id = ${id}`;

/** Joins the profession `id` (null for an assignment line) as `alias`: a left join. */
export const leftJoinProfession = (alias: string, id: string): string =>
  `LEFT JOIN profession ${alias} ON ${alias}.id = ${id}`;

/** Joins the template `id` as `alias`: an inner join, for lines known to name one. */
export const joinTemplate = (alias: string, id: string): string =>
  `JOIN access_template ${alias} ON ${alias}.id = ${id}`;

/** Joins the profession `id` as `alias`: an inner join, for lines known to name one. */
export const joinProfession = (alias: string, id: string): string =>
  `JOIN profession ${alias} ON ${alias}.id = ${id}`;

/** The name of the template row aliased `alias` ("Ksd-personal"). */
export const templateNameSql = (alias: string): string => `${alias}.name`;

/** The name of the profession row aliased `alias` ("Supportspecialist Behörighetsteamet"). */
export const professionNameSql = (alias: string): string => `${alias}.name`;

/** Templates in Swedish name order (template row `alias`). */
export const templateSortSql = (alias: string): string => `${alias}.name COLLATE beh_sv`;

/**
 * The systems and roles the template `templateId` (an SQL expression) bundles, as a json array
 * `[{systemId, systemName, roles: [role name, …]}]`, systems and roles in Swedish name order;
 * `[]` when it bundles none (or `templateId` is null).
 */
export const templateSystemsJsonSql = (templateId: string): string =>
  `(SELECT coalesce(json_agg(json_build_object('systemId', s.id, 'systemName', s.name, 'roles', s.roles)
                              ORDER BY s.name COLLATE beh_sv), '[]'::json)
      FROM (SELECT ls.id, ls.name,
                   json_agg(sr.name ORDER BY sr.name COLLATE beh_sv) AS roles
              FROM access_template_role atr
              JOIN system_role sr ON sr.id = atr.system_role_id
              JOIN local_system ls ON ls.id = sr.system_id
             WHERE atr.template_id = ${templateId}
             GROUP BY ls.id, ls.name) AS s)`;
