import {
  activeSql,
  foldedPrefix,
  foldedWordPrefix,
  likeEscape,
  nameSearch,
  searchTokens,
  type SqlParams,
} from '../common/sql.js';

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

/** The e-mail address (null when the directory has none) of the person row aliased `alias`. */
export const personEmailSql = (alias: string): string => `${alias}.email`;

/** Joins the care unit `id` as `alias` (an inner join: every care unit reference is a foreign key). */
export const joinCareUnit = (alias: string, id: string): string =>
  `JOIN care_unit ${alias} ON ${alias}.id = ${id}`;

/** As joinCareUnit, for a reference that may be null. */
export const leftJoinCareUnit = (alias: string, id: string): string =>
  `LEFT JOIN care_unit ${alias} ON ${alias}.id = ${id}`;

/** The name of the care unit row aliased `alias`. */
export const careUnitNameSql = (alias: string): string => `${alias}.name`;

/** Joins the catalogue's assignment `id` as `alias` (an inner join: every reference is a foreign key). */
export const joinAssignment = (alias: string, id: string): string =>
  `JOIN assignment ${alias} ON ${alias}.id = ${id}`;

/** As joinAssignment, for a reference that may be null. */
export const leftJoinAssignment = (alias: string, id: string): string =>
  `LEFT JOIN assignment ${alias} ON ${alias}.id = ${id}`;

/** The name of the assignment row aliased `alias`, e.g. "VoB SJF" (the same name at many units). */
export const assignmentNameSql = (alias: string): string => `${alias}.name`;

/** GENERAL or SPECIAL, of the assignment row aliased `alias`; in text order the general comes first. */
export const assignmentKindSql = (alias: string): string => `${alias}.kind`;

/** The id of the care unit whose catalogue holds the assignment row aliased `alias`. */
export const assignmentCareUnitIdSql = (alias: string): string => `${alias}.care_unit_id`;

/**
 * True when the person `personId` holds the assignment `assignmentId` on the date `day` (SQL
 * expressions all three). For a read that must be part of another module's statement; other
 * reads of holdings go through DirectoryHoldings.
 */
export const holdsAssignmentSql = (personId: string, assignmentId: string, day: string): string =>
  `EXISTS (SELECT 1 FROM held_assignment h
            WHERE h.person_id = ${personId} AND h.assignment_id = ${assignmentId}
              AND h.valid_from <= ${day}::date AND (h.valid_to IS NULL OR h.valid_to >= ${day}::date))`;

/** The VGR-ID (user id, e.g. "karlu1") of the person row aliased `alias`. */
export const personUserIdSql = (alias: string): string => `${alias}.user_id`;

/** The HSA-id of the person row aliased `alias`. */
export const personHsaIdSql = (alias: string): string => `${alias}.hsa_id`;

/** ORDER BY terms for persons by name as the database sorts text: last name, then first name. */
export const personNameOrderSql = (alias: string): string => `${alias}.last_name, ${alias}.first_name`;

/** The columns a name search (common/sql nameSearch) of the person row `alias` matches words against. */
export const personSearchColumns = (alias: string): string[] => [
  `${alias}.first_name`,
  `${alias}.last_name`,
  `${alias}.user_id`,
];

/**
 * The person row `alias` as one json object with the fields of common/auth's SessionPerson (id,
 * userId, hsaId, firstName, lastName, title, email, isAdministrator); null when the row is absent
 * (a left join that found nobody).
 */
export const personJsonSql = (alias: string): string =>
  `CASE WHEN ${alias}.id IS NULL THEN NULL ELSE json_build_object(
     'id', ${alias}.id, 'userId', ${alias}.user_id, 'hsaId', ${alias}.hsa_id, 'firstName', ${alias}.first_name,
     'lastName', ${alias}.last_name, 'title', ${alias}.title, 'email', ${alias}.email,
     'isAdministrator', ${alias}.is_administrator) END`;

/**
 * A SELECT of `person` (personJsonSql) for the person found by `key`: its id, its VGR-ID
 * (case-insensitive), its HSA-id (case-insensitive, the key an IdP's assertion is matched on), or
 * for 'userIds' every person whose VGR-ID, case-insensitive, is in the text[] `param`.
 */
export const findPersonSql = (key: 'id' | 'userId' | 'hsaId' | 'userIds', param: string): string => {
  const where = {
    id: `p.id = ${param}::uuid`,
    userId: `lower(p.user_id) = lower(${param})`,
    hsaId: `upper(p.hsa_id) = upper(${param})`,
    userIds: `lower(p.user_id) = ANY(ARRAY(SELECT lower(u) FROM unnest(${param}::text[]) AS u))`,
  }[key];
  return `SELECT ${personJsonSql('p')} AS person, p.active FROM person p WHERE ${where}`;
};

/**
 * False when the person row `alias` is inactive: gone from the directory (KIV) at a sync, kept for
 * the orders and history that name it. An inactive person cannot sign in, and gets no new grant,
 * delegation or attest of a grant (docs/domain.md rule 37). Embedded rows are all active.
 */
export const personActiveSql = (alias: string): string => `${alias}.active`;

/** As personActiveSql, of the care unit row aliased `alias`. */
export const careUnitActiveSql = (alias: string): string => `${alias}.active`;

/** As personActiveSql, of the assignment row aliased `alias`. */
export const assignmentActiveSql = (alias: string): string => `${alias}.active`;

/** True when the care unit `id` (an SQL expression) exists and is active in the directory. */
export const careUnitIsActiveSql = (id: string): string =>
  `EXISTS (SELECT 1 FROM care_unit cu WHERE cu.id = ${id} AND cu.active)`;

/** True when the person `id` (an SQL expression) exists and is active in the directory. */
export const personIsActiveSql = (id: string): string =>
  `EXISTS (SELECT 1 FROM person p WHERE p.id = ${id} AND p.active)`;

/**
 * The person row `alias` as a json contact {id, name, email} for mails; every field null when the
 * row is absent (a left join that found nobody, e.g. a unit without a head).
 */
export const personContactJsonSql = (alias: string): string =>
  `CASE WHEN ${alias}.id IS NULL THEN json_build_object('id', NULL, 'name', NULL, 'email', NULL)
        ELSE json_build_object('id', ${alias}.id, 'name', ${personNameSql(alias)}, 'email', ${alias}.email) END`;

/**
 * A SELECT of persons as lists of who may act show them ({id, userId, firstName, lastName,
 * title}): those whose id the SELECT `idsSql` yields, in Swedish name order.
 */
export const personBriefsSql = (idsSql: string): string =>
  `SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName", p.title
     FROM person p
    WHERE p.id IN (${idsSql})
    ORDER BY p.last_name COLLATE beh_sv, p.first_name COLLATE beh_sv, p.id`;

/** A SELECT of {id, name} (personNameSql) of the persons whose ids are in the uuid[] `param`. */
export const personNamesSql = (param: string): string =>
  `SELECT p.id, ${personNameSql('p')} AS name FROM person p WHERE p.id = ANY(${param}::uuid[])`;

/** True when the person `id` (an SQL expression) exists. */
export const personExistsSql = (id: string): string => `EXISTS (SELECT 1 FROM person p WHERE p.id = ${id})`;

/** True when the person `personId` has an engagement, at any unit, valid on the date `day`. */
export const hasActiveEngagementSql = (personId: string, day: string): string =>
  `EXISTS (SELECT 1 FROM engagement e
            WHERE e.person_id = ${personId}
              AND e.valid_from <= ${day}::date AND (e.valid_to IS NULL OR e.valid_to >= ${day}::date))`;

/**
 * The ids of the care units where the person `personId` has an engagement valid on `day`, as a
 * uuid[] (empty when none): the soft rule "engagement elsewhere" (domain.md rule 2d) reads it.
 */
export const activeEngagementUnitsSql = (personId: string, day: string): string =>
  `ARRAY(SELECT DISTINCT de.care_unit_id FROM engagement de
          WHERE de.person_id = ${personId} AND ${activeSql('de', day)})`;

/** The HSA-id of the care unit row aliased `alias`. */
export const careUnitHsaIdSql = (alias: string): string => `${alias}.hsa_id`;

/** The person id of the head of the care unit row aliased `alias` (null when the directory names none). */
export const careUnitHeadSql = (alias: string): string => `${alias}.head_of_unit_id`;

/** True when the care unit `id` (an SQL expression) exists. */
export const careUnitExistsSql = (id: string): string =>
  `EXISTS (SELECT 1 FROM care_unit cu WHERE cu.id = ${id})`;

/** The directory's care units as a FROM item aliased `alias`: the rows of a list of care units. */
export const fromCareUnits = (alias: string): string => `care_unit ${alias}`;

/** The id of the head of the care unit `careUnitId` (an SQL expression), as a scalar subquery. */
export const headOfUnitSql = (careUnitId: string): string =>
  `(SELECT cu.head_of_unit_id FROM care_unit cu WHERE cu.id = ${careUnitId})`;

/**
 * A SELECT of the care units the person `personId` heads, as {id, name, hsaId}: the directory
 * (KIV) names the head of each unit, which gives full order and attest rights there.
 */
export const unitsHeadedBySql = (personId: string): string =>
  `SELECT cu.id, cu.name, cu.hsa_id AS "hsaId" FROM care_unit cu WHERE cu.head_of_unit_id = ${personId}`;

/** How many of the assignments in the uuid[] `ids` belong to the catalogue of the care unit `careUnitId`. */
export const assignmentsOfUnitCountSql = (ids: string, careUnitId: string): string =>
  `(SELECT count(*)::int FROM assignment a WHERE a.id = ANY(${ids}::uuid[]) AND a.care_unit_id = ${careUnitId})`;

/** The title (null when the directory has none) of the person row aliased `alias`. */
export const personTitleSql = (alias: string): string => `${alias}.title`;

/** The first name of the person row aliased `alias`. */
export const personFirstNameSql = (alias: string): string => `${alias}.first_name`;

/** The last name of the person row aliased `alias`. */
export const personLastNameSql = (alias: string): string => `${alias}.last_name`;

/** The personnummer as stored (twelve digits, or null); whoever shows it in a list masks it. */
export const personPersonnummerSql = (alias: string): string => `${alias}.personnummer`;

/** How lists sort persons by name: by last name, in Swedish order. */
export const personSortSql = (alias: string): string => `${alias}.last_name COLLATE beh_sv`;

/** The directory's persons as a FROM item aliased `alias`: the rows of a list or search of persons. */
export const fromPersons = (alias: string): string => `person ${alias}`;

/**
 * The person row aliased `alias` is named by the words of `q`: each word starts the first name,
 * the last name (or a later word of either) or the VGR-ID. undefined when `q` has no words.
 */
export const personNamedSql = (alias: string, q: string | undefined, p: SqlParams): string | undefined =>
  nameSearch(personSearchColumns(alias), q, p);

/**
 * The ids of the persons the words of `q` name (as personNamedSql), as a subquery: for
 * `column IN (…)`, which finds the few persons by their own indexes first. undefined without words.
 */
export function personsNamedSql(q: string | undefined, p: SqlParams): string | undefined {
  const match = personNamedSql('dx', q, p);
  return match ? `SELECT dx.id FROM person dx WHERE ${match}` : undefined;
}

/**
 * A SELECT of the ids of the care units whose name (or a later word of it) starts with the text
 * in `param` (case- and accent-insensitive; by the name's prefix and trigram indexes).
 */
export const careUnitsNamedSql = (param: string): string =>
  `SELECT dcu.id FROM care_unit dcu WHERE ${foldedPrefix('dcu.name', param)} OR ${foldedWordPrefix('dcu.name', param)}`;

/** How lists sort care units: by name, in Swedish order. */
export const careUnitSortSql = (alias: string): string => `${alias}.name COLLATE beh_sv`;

/** Joins the administration (förvaltning) of the care unit row aliased `unit` as `alias`. */
export const joinAdministrationOf = (alias: string, unit: string): string =>
  `JOIN administration ${alias} ON ${alias}.id = ${unit}.administration_id`;

/** The name of the administration row aliased `alias`. */
export const administrationNameSql = (alias: string): string => `${alias}.name`;

/** The purpose (ändamål) of the assignment row aliased `alias`. */
export const assignmentPurposeSql = (alias: string): string => `${alias}.purpose`;

/** The catalogue's order of assignments: general before special, then by name in Swedish order. */
export const assignmentCatalogueOrderSql = (alias: string): string =>
  `${assignmentKindSql(alias)}, ${assignmentNameSql(alias)} COLLATE beh_sv`;

/**
 * The person `personId` has an engagement active on `day` at a unit of a private care provider
 * (the rule "Spärr & Logg only for private providers" reads it).
 */
export const worksForPrivateProviderSql = (personId: string, day: string): string =>
  `EXISTS (SELECT 1 FROM engagement de
             JOIN care_unit dcu ON dcu.id = de.care_unit_id
             JOIN administration dadm ON dadm.id = dcu.administration_id
             JOIN care_provider dcp ON dcp.id = dadm.care_provider_id
            WHERE de.person_id = ${personId} AND dcp.kind = 'PRIVATE' AND ${activeSql('de', day)})`;

/**
 * The names of the care units of the person's engagements active on `day`, comma-separated in
 * Swedish order ('' when none): the "organisation" GET /api/persons gives.
 */
export const personOrganisationSql = (personId: string, day: string): string =>
  `COALESCE((SELECT string_agg(DISTINCT dcu.name::text COLLATE beh_sv, ', ' ORDER BY dcu.name::text COLLATE beh_sv)
     FROM engagement de JOIN care_unit dcu ON dcu.id = de.care_unit_id
    WHERE de.person_id = ${personId} AND ${activeSql('de', day)}), '')`;

/** The text in `param` starts `column` or a later word of it (case- and accent-insensitive). */
const startsColumn = (column: string, param: string): string =>
  `(${foldedPrefix(column, param)} OR ${foldedWordPrefix(column, param)})`;

/**
 * The person `personId` has an engagement active on `day` at a care unit, or in an
 * administration, whose name (or a later word of it) starts with the text in `param`.
 */
export const engagedAtOrganisationSql = (personId: string, param: string, day: string): string =>
  `${personId} IN (
      SELECT de.person_id FROM engagement de
       WHERE ${activeSql('de', day)} AND de.care_unit_id IN (
         SELECT dcu.id FROM care_unit dcu WHERE ${startsColumn('dcu.name', param)}
         UNION
         SELECT dcu.id FROM care_unit dcu JOIN administration dadm ON dadm.id = dcu.administration_id
          WHERE ${startsColumn('dadm.name', param)}))`;

/**
 * The person row aliased `alias`: its first or last name, or a later word of it, starts with the
 * text in `param`. Read on the stored folded names (migration …-MassOrders): folding every
 * candidate row again costs more than the rest of a search. A later word can only start after a
 * space, so that branch reads only the few names that have one (a partial index).
 */
export const personNameStartsSql = (alias: string, name: 'firstName' | 'lastName', param: string): string => {
  const column = `${alias}.${name === 'firstName' ? 'first_name' : 'last_name'}_fold`;
  return `(${column} LIKE beh_fold(${param}) || '%'
    OR (${column} LIKE '% %' AND ${column} LIKE '% ' || beh_fold(${param}) || '%'))`;
};

/** The VGR-ID of the person row aliased `alias` starts with the text in `param` (any case). */
export const personUserIdStartsSql = (alias: string, param: string): string =>
  `lower(${alias}.user_id) LIKE lower(${param}) || '%'`;

/** Each word of `q` starts a name of the person row aliased `alias` (as personNameStartsSql) or its VGR-ID. */
export function personWordsSql(alias: string, q: string | undefined, p: SqlParams): string[] {
  return searchTokens(q).map((token) => {
    const word = p.add(likeEscape(token));
    return `(${personNameStartsSql(alias, 'firstName', word)} OR ${personNameStartsSql(alias, 'lastName', word)}
      OR ${personUserIdStartsSql(alias, word)})`;
  });
}

/**
 * How a search of persons (the row aliased `alias`) sorts, by the API's names, and what breaks
 * ties. `indexed: false` writes the names so that no index serves the order: when a name prefix
 * clusters the hits, a sort of the hits is far cheaper than walking the name index from A.
 */
export function personSearchOrder(
  alias: string,
  indexed = true,
): { sortable: Record<'lastName' | 'firstName' | 'userId', string>; tieBreak: string } {
  const name = (column: string) =>
    indexed ? `${alias}.${column} COLLATE beh_sv` : `(${alias}.${column} || '') COLLATE beh_sv`;
  return {
    sortable: { lastName: name('last_name'), firstName: name('first_name'), userId: `${alias}.user_id` },
    tieBreak: `${name('last_name')}, ${name('first_name')}, ${alias}.id`,
  };
}

/** The first day of the person's holding of the assignment that runs on `day`; null when none does. */
export const heldSinceSql = (personId: string, assignmentId: string, day: string): string =>
  `(SELECT min(dh.valid_from) FROM held_assignment dh
     WHERE dh.person_id = ${personId} AND dh.assignment_id = ${assignmentId} AND ${activeSql('dh', day)})`;

/** The ids of the persons who hold the assignment `assignmentId` on `day`, as a subquery. */
export const holdersSql = (assignmentId: string, day: string): string =>
  `SELECT dh.person_id FROM held_assignment dh WHERE dh.assignment_id = ${assignmentId} AND ${activeSql('dh', day)}`;

/**
 * The person holds the assignment from exactly `validFrom` to `validTo`: the holding one carried
 * out order wrote, not ended earlier (by a revoke) since.
 */
export const holdingSpanSql = (
  personId: string,
  assignmentId: string,
  validFrom: string,
  validTo: string,
): string =>
  `EXISTS (SELECT 1 FROM held_assignment dh
            WHERE dh.person_id = ${personId} AND dh.assignment_id = ${assignmentId}
              AND dh.valid_from = ${validFrom} AND dh.valid_to = ${validTo})`;

/*
 * Holdings as rows of another module's report (orders `reports.queries.ts`): the table as a FROM
 * item and its columns, so the report can be one statement paged on the holdings' own indexes.
 */

/** The directory's holdings (who holds which assignment, from/to) as a FROM item aliased `alias`. */
export const fromHoldings = (alias: string): string => `held_assignment ${alias}`;

/** The id of the holding row aliased `alias`. */
export const holdingIdSql = (alias: string): string => `${alias}.id`;

/** The holder (person id) of the holding row aliased `alias`. */
export const holdingPersonIdSql = (alias: string): string => `${alias}.person_id`;

/** The assignment (id) of the holding row aliased `alias`. */
export const holdingAssignmentIdSql = (alias: string): string => `${alias}.assignment_id`;

/** The first day held of the holding row aliased `alias`. */
export const holdingValidFromSql = (alias: string): string => `${alias}.valid_from`;

/** The last day held (null: until further notice) of the holding row aliased `alias`. */
export const holdingValidToSql = (alias: string): string => `${alias}.valid_to`;

/** The holding row aliased `alias` runs on the date `day` (an SQL expression): from ≤ day ≤ to. */
export const holdingRunsOnSql = (alias: string, day: string): string => activeSql(alias, day);

/** True when the person row aliased `alias` has a protected identity (rule 29). */
export const personProtectedSql = (alias: string): string => `${alias}.protected_identity`;

/**
 * True when the person `personId` has, or ever had, an engagement at one of the care units in the
 * uuid[] `units`, or holds or ever held an assignment of their catalogues (SQL expressions both):
 * whose history a head of those units may read.
 */
export const personEverAtUnitsSql = (personId: string, units: string): string =>
  `(EXISTS (SELECT 1 FROM engagement de WHERE de.person_id = ${personId} AND de.care_unit_id = ANY(${units}::uuid[]))
    OR EXISTS (SELECT 1 FROM held_assignment dh JOIN assignment da ON da.id = dh.assignment_id
                WHERE dh.person_id = ${personId} AND da.care_unit_id = ANY(${units}::uuid[])))`;

/** True when the assignment `assignmentId` belongs to the catalogue of the care unit `careUnitId`. */
export const assignmentOfUnitSql = (assignmentId: string, careUnitId: string): string =>
  `EXISTS (SELECT 1 FROM assignment da WHERE da.id = ${assignmentId} AND da.care_unit_id = ${careUnitId})`;
