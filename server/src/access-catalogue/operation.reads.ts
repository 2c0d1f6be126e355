import { foldedPrefix, foldedWordPrefix } from '../common/sql.js';

/**
 * The access catalogue's published reads of verksamheter (access_operation, with their område)
 * and system administrators, for other modules' SQL: who heads a verksamhet, which ones a person
 * heads, which systems a person administers. As directory.reads.ts does for the directory, other
 * modules never name these tables or columns: they compose their statements from the fragments
 * here, so a change of the catalogue's schema touches only this module.
 */

/** Joins the verksamhet `id` as `alias` (an inner join: every reference is a foreign key). */
export const joinAccessOperation = (alias: string, id: string): string =>
  `JOIN access_operation ${alias} ON ${alias}.id = ${id}`;

/** As joinAccessOperation, for a reference that may be null. */
export const leftJoinAccessOperation = (alias: string, id: string): string =>
  `LEFT JOIN access_operation ${alias} ON ${alias}.id = ${id}`;

/** Joins the område of the verksamhet row aliased `operation` as `alias`. */
export const joinAccessAreaOf = (alias: string, operation: string): string =>
  `JOIN access_area ${alias} ON ${alias}.id = ${operation}.area_id`;

/** As joinAccessAreaOf, for a verksamhet row that may be absent (a left join). */
export const leftJoinAccessAreaOf = (alias: string, operation: string): string =>
  `LEFT JOIN access_area ${alias} ON ${alias}.id = ${operation}.area_id`;

/** The name of the verksamhet row aliased `alias`. */
export const accessOperationNameSql = (alias: string): string => `${alias}.name`;

/** The id of the område of the verksamhet row aliased `alias`. */
export const accessOperationAreaIdSql = (alias: string): string => `${alias}.area_id`;

/** The person id of the head of the verksamhet row aliased `alias`. */
export const accessOperationHeadSql = (alias: string): string => `${alias}.head_person_id`;

/** The name of the område row aliased `alias`. */
export const accessAreaNameSql = (alias: string): string => `${alias}.name`;

/** The verksamheter as a FROM item aliased `alias`: the rows of a list of verksamheter. */
export const fromAccessOperations = (alias: string): string => `access_operation ${alias}`;

/** How lists sort verksamheter: by område, then by name, in Swedish order (area row `area`). */
export const accessOperationSortSql = (alias: string, area: string): string =>
  `${area}.name COLLATE beh_sv, ${alias}.name COLLATE beh_sv`;

/** True when the verksamhet `id` (an SQL expression) exists. */
export const accessOperationExistsSql = (id: string): string =>
  `EXISTS (SELECT 1 FROM access_operation ao WHERE ao.id = ${id})`;

/** The id of the head of the verksamhet `operationId` (an SQL expression), as a scalar subquery. */
export const headOfOperationSql = (operationId: string): string =>
  `(SELECT ao.head_person_id FROM access_operation ao WHERE ao.id = ${operationId})`;

/**
 * A SELECT of the ids of the verksamheter whose name, or whose område's name, a word starts (or a
 * later word of either starts), case- and accent-insensitive: `param` is the escaped word.
 */
export const accessOperationsNamedSql = (param: string): string =>
  `SELECT nao.id FROM access_operation nao JOIN access_area naa ON naa.id = nao.area_id
    WHERE ${foldedPrefix('nao.name', param)} OR ${foldedWordPrefix('nao.name', param)}
       OR ${foldedPrefix('naa.name', param)} OR ${foldedWordPrefix('naa.name', param)}`;

/**
 * A SELECT of the verksamheter the person `personId` (an SQL expression) heads, as
 * {id, name, areaId, areaName}: what rights derive from a headship of a verksamhet.
 */
export const operationsHeadedBySql = (personId: string): string =>
  `SELECT ho.id, ho.name, ho.area_id AS "areaId", ha.name AS "areaName"
     FROM access_operation ho JOIN access_area ha ON ha.id = ho.area_id
    WHERE ho.head_person_id = ${personId}`;

/**
 * A SELECT of the systems the person `personId` (an SQL expression) administers
 * (system_administrator), as {systemId, systemName}.
 */
export const systemsAdministeredBySql = (personId: string): string =>
  `SELECT sa.system_id AS "systemId", ls.name AS "systemName"
     FROM system_administrator sa JOIN local_system ls ON ls.id = sa.system_id
    WHERE sa.person_id = ${personId}`;

/**
 * A SELECT of {id, name, areaId, areaName} of the verksamheter whose ids are in the uuid[] `param`.
 */
export const operationNamesSql = (param: string): string =>
  `SELECT opn.id, opn.name, opn.area_id AS "areaId", opa.name AS "areaName"
     FROM access_operation opn JOIN access_area opa ON opa.id = opn.area_id
    WHERE opn.id = ANY(${param}::uuid[])`;
