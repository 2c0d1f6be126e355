/**
 * The directory's published reads for other modules' SQL. Other modules never name the
 * directory's tables or columns: when a read has to be part of their own statement (a list of a
 * million orders filtered and sorted by a person's name, an EXISTS inside an ordering rule), they
 * compose it from the fragments here. A change of the directory's schema therefore touches only
 * the directory module. Reads that can be a query of their own go through the exported services.
 */

/** A person's display name ("Förnamn Efternamn") of the person row aliased `alias`. */
export const personNameSql = (alias: string): string => `${alias}.first_name || ' ' || ${alias}.last_name`;

/** "Förnamn Efternamn (vgr-id)", as mails and the signed text name a person. */
export const personNameWithUserIdSql = (alias: string): string =>
  `${personNameSql(alias)} || ' (' || ${alias}.user_id || ')'`;

/** Joins the person `id` as `alias` (an inner join: every person reference is a foreign key). */
export const joinPerson = (alias: string, id: string): string =>
  `JOIN person ${alias} ON ${alias}.id = ${id}`;

/** As joinPerson, for a reference that may be null. */
export const leftJoinPerson = (alias: string, id: string): string =>
  `LEFT JOIN person ${alias} ON ${alias}.id = ${id}`;
