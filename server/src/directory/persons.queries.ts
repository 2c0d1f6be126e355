import { Prop } from '../common/api-schema.js';
import { filterBoolean, filterIds, filterString } from '../common/list-query.js';
import { PROVIDER_KINDS, type ProviderKind } from './entities/care-provider.entity.js';
import { ASSIGNMENT_KINDS, type AssignmentKind } from './entities/assignment.entity.js';
import { PURPOSES, type Purpose } from './entities/base.js';
import { personNameStartsSql, personUserIdStartsSql } from './directory.reads.js';
import { type AccessEntry, accessLogInsertSql } from './person-access-log.js';
import { showInactiveFilter } from './catalogue-resource.js';
import {
  activeSql,
  foldedPrefix,
  foldedWordPrefix,
  idFilter,
  likeEscape,
  type ListSpec,
  searchTokens,
  SqlParams,
} from '../common/sql.js';

/*
 * What the API answers about persons. Classes only so that their property decorators describe
 * them in the OpenAPI description (common/api-schema.ts); they are never instantiated.
 */

/** A person in lists: personnummer masked, no administrator flag. */
export class PersonListItem {
  @Prop.id() id!: string;
  @Prop.text() hsaId!: string;
  @Prop.text({ description: 'VGR-ID.' }) userId!: string;
  @Prop.text() firstName!: string;
  @Prop.text() lastName!: string;
  @Prop.text({ nullable: true }) title!: string | null;
  @Prop.text({ nullable: true }) email!: string | null;
  @Prop.text({
    nullable: true,
    description:
      'Masked (1985xxxx-xxxx) in lists, and in the detail and the lookup for all but ' +
      'administrators; whole (ÅÅÅÅMMDD-NNNN) to administrators and in a lookup by personnummer; ' +
      'null when none.',
  })
  personnummer!: string | null;
  @Prop.text({
    nullable: true,
    description:
      'Masked (ABxxxxxxx) in lists, and in the detail and the lookup for all but administrators; ' +
      'whole in the detail and lookup to administrators and in a lookup by passport number; null when none.',
  })
  passportNumber!: string | null;
  @Prop.bool({
    description: 'Skyddad identitet: listed and searched only for administrators; found by an exact lookup.',
  })
  protectedIdentity!: boolean;
  @Prop.bool({ description: "Has an engagement valid on Stockholm's today." }) active!: boolean;
  @Prop.text({ description: 'The administrations of their engagements.' }) organisation!: string;
  @Prop.bool({
    description: 'False when gone from the directory (KIV) at a sync: kept for history (rule 37).',
  })
  directoryActive!: boolean;
}

/** A person as the SQL below reads it (personnummer still whole: the service masks it for lists). */
export class PersonRow extends PersonListItem {
  @Prop.bool() isAdministrator!: boolean;
}

export class PersonEngagement {
  @Prop.id() id!: string;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.text() careUnitHsaId!: string;
  @Prop.id() administrationId!: string;
  @Prop.text() administrationName!: string;
  @Prop.oneOf(PROVIDER_KINDS, 'ProviderKind') careProviderKind!: ProviderKind;
  @Prop.text() costCentre!: string;
  @Prop.text({ nullable: true }) title!: string | null;
  @Prop.date() validFrom!: string;
  @Prop.date({ nullable: true }) validTo!: string | null;
  @Prop.bool() active!: boolean;
}

export class PersonHeldAssignment {
  @Prop.id() id!: string;
  @Prop.id() assignmentId!: string;
  @Prop.text() assignmentName!: string;
  @Prop.oneOf(ASSIGNMENT_KINDS, 'AssignmentKind') assignmentKind!: AssignmentKind;
  @Prop.oneOf(PURPOSES, 'Purpose') purpose!: Purpose;
  @Prop.id() careUnitId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.date() validFrom!: string;
  @Prop.date({ nullable: true }) validTo!: string | null;
  @Prop.bool() active!: boolean;
}

/** The name branches of one search word: its first or last name (or a later word of one) or VGR-ID. */
const nameMatch = (alias: string, word: string): string =>
  `${personNameStartsSql(alias, 'firstName', word)} OR ${personNameStartsSql(alias, 'lastName', word)}
    OR ${personUserIdStartsSql(alias, word)}`;

/**
 * One search word matches a person when it starts their first name, last name, VGR-ID or the
 * name of an administration they have an engagement in (or a later word of one of those names:
 * "maria" finds "Linda Maria"). The names are read on their stored folded columns
 * (personNameStartsSql: nothing folded per row), each branch through its own index.
 *
 * `administrations`: the care units of the administrations whose name the word starts, when the
 * caller has looked them up (PersonsService.list, ADMINISTRATIONS_NAMED_SQL). Then a word that names none (the
 * usual case) is the name branches alone, ORed as bitmaps of the few hits; one that names some
 * adds their persons as a hashed set, and the list walks the name index through the many hits.
 * Without the lookup (the export) the administrations are found in the same statement.
 */
function tokenMatch(token: string, p: SqlParams, administrations?: readonly string[]): string {
  const word = p.add(likeEscape(token));
  if (administrations === undefined) {
    return `p.id IN (
      SELECT x.id FROM person x WHERE ${nameMatch('x', word)}
      UNION
      SELECT e.person_id FROM administration a
        JOIN care_unit cu ON cu.administration_id = a.id
        JOIN engagement e ON e.care_unit_id = cu.id
       WHERE ${foldedPrefix('a.name', word)} OR ${foldedWordPrefix('a.name', word)})`;
  }
  if (administrations.length === 0) return `(${nameMatch('p', word)})`;
  return `(${nameMatch('p', word)} OR p.id IN (
      SELECT e.person_id FROM engagement e WHERE e.care_unit_id = ANY(${p.add(administrations)}::uuid[])))`;
}

/**
 * For each word of a search (the text[] $1), by its position from 1, the ids of the care units of
 * the administrations whose name (or a later word of it) it starts: the lookup tokenMatch takes
 * (their engagements' persons are then read from the index of engagements by unit alone).
 */
export const ADMINISTRATIONS_NAMED_SQL = `
  SELECT t.n::int AS n, array_agg(cu.id) AS ids
    FROM unnest($1::text[]) WITH ORDINALITY AS t(word, n)
    JOIN administration a ON ${foldedPrefix('a.name', 't.word')} OR ${foldedWordPrefix('a.name', 't.word')}
    JOIN care_unit cu ON cu.administration_id = a.id
   GROUP BY t.n`;

/**
 * The persons list; `administrations` (by search word, see tokenMatch) when the caller has looked
 * up which administrations the words of `q` name. Persons with a protected identity are listed and
 * searched only when `showProtected` (administrators): to others they are found only by an exact
 * lookup, which is logged.
 */
export const personList = (
  administrations?: readonly (readonly string[] | undefined)[],
  showProtected = true,
): ListSpec => ({
  resource: 'persons',
  select: `p.id, p.hsa_id AS "hsaId", p.user_id AS "userId", p.first_name AS "firstName",
    p.last_name AS "lastName", p.title, p.email, p.personnummer, p.passport_number AS "passportNumber",
    p.protected_identity AS "protectedIdentity", p.is_administrator AS "isAdministrator",
    p.active AS "directoryActive"`,
  from: 'person p',
  idColumn: 'p.id',
  late: (p, ctx) => {
    const today = p.add(ctx.today);
    return `EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = page.id AND ${activeSql('e', today)}) AS active,
      COALESCE((SELECT string_agg(DISTINCT cu.name::text COLLATE beh_sv, ', ' ORDER BY cu.name::text COLLATE beh_sv)
        FROM engagement e JOIN care_unit cu ON cu.id = e.care_unit_id
        WHERE e.person_id = page.id AND ${activeSql('e', today)}), '') AS organisation`;
  },
  filters: {
    id: idFilter('p.id'),
    q: (filter, key, p) => {
      const tokens = searchTokens(filterString(filter, key));
      if (tokens.length === 0) return undefined;
      return tokens
        .map((token, i) => tokenMatch(token, p, administrations && (administrations[i] ?? [])))
        .join(' AND ');
    },
    careUnitId: (filter, key, p, ctx) => {
      const ids = filterIds(filter, key);
      if (!ids) return undefined;
      return `EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = p.id
        AND e.care_unit_id = ANY(${p.add(ids)}::uuid[]) AND ${activeSql('e', p.add(ctx.today))})`;
    },
    administrationId: (filter, key, p) => {
      const ids = filterIds(filter, key);
      if (!ids) return undefined;
      return `EXISTS (SELECT 1 FROM engagement e JOIN care_unit cu ON cu.id = e.care_unit_id
        WHERE e.person_id = p.id AND cu.administration_id = ANY(${p.add(ids)}::uuid[]))`;
    },
    active: (filter, key, p, ctx) => {
      const active = filterBoolean(filter, key);
      if (active === undefined) return undefined;
      const exists = `EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = p.id AND ${activeSql('e', p.add(ctx.today))})`;
      return active ? exists : `NOT ${exists}`;
    },
    showInactive: showInactiveFilter('p.active'),
  },
  sortable: {
    lastName: 'p.last_name COLLATE beh_sv',
    firstName: 'p.first_name COLLATE beh_sv',
    userId: 'p.user_id',
    hsaId: 'p.hsa_id',
    createdAt: 'p.created_at',
  },
  defaultSort: ['lastName', 'ASC'],
  tieBreak: 'p.last_name COLLATE beh_sv, p.first_name COLLATE beh_sv, p.id',
  // The planner estimates a later word of a name from default selectivities: 32 000 for 3 801 hits.
  unestimated: ['q'],
  visible: showProtected ? undefined : () => 'NOT p.protected_identity',
});

/**
 * The persons list with the administrations of a search found in the same statement (the export,
 * the detail), every person listed (an administrator's).
 */
export const PERSON_LIST: ListSpec = personList();

/** A person's engagements, newest and active first; `person` and `today` are SQL expressions. */
const personEngagementsSql = (person: string, today: string) => `
  SELECT e.id, e.care_unit_id AS "careUnitId", cu.name AS "careUnitName", cu.hsa_id AS "careUnitHsaId",
    a.id AS "administrationId", a.name AS "administrationName", cp.kind AS "careProviderKind",
    e.cost_centre AS "costCentre", e.title, e.valid_from AS "validFrom", e.valid_to AS "validTo",
    ${activeSql('e', today)} AS active
  FROM engagement e
    JOIN care_unit cu ON cu.id = e.care_unit_id
    JOIN administration a ON a.id = cu.administration_id
    JOIN care_provider cp ON cp.id = a.care_provider_id
  WHERE e.person_id = ${person}
  ORDER BY active DESC, e.valid_from DESC, cu.name COLLATE beh_sv`;

/** The assignments a person holds, active first; `person` and `today` are SQL expressions. */
const personHeldAssignmentsSql = (person: string, today: string) => `
  SELECT h.id, h.assignment_id AS "assignmentId", asg.name AS "assignmentName", asg.kind AS "assignmentKind",
    asg.purpose, asg.care_unit_id AS "careUnitId", cu.name AS "careUnitName",
    h.valid_from AS "validFrom", h.valid_to AS "validTo", ${activeSql('h', today)} AS active
  FROM held_assignment h
    JOIN assignment asg ON asg.id = h.assignment_id
    JOIN care_unit cu ON cu.id = asg.care_unit_id
  WHERE h.person_id = ${person}
  ORDER BY active DESC, cu.name COLLATE beh_sv, asg.name COLLATE beh_sv, h.valid_from DESC`;

/** The care units the person heads (their head_of_unit_id), by id. */
export const PERSON_HEADED_UNITS_SQL = `SELECT id FROM care_unit WHERE head_of_unit_id = $1 ORDER BY id`;

/** The administrations the person is förvaltningschef of (their head_person_id), by id. */
export const PERSON_HEADED_ADMINISTRATIONS_SQL = `SELECT id FROM administration WHERE head_person_id = $1 ORDER BY id`;

/** How a person is found by one identifier; the upper() forms match the case-insensitive indexes. */
export const PERSON_WHERE_BY = {
  id: (param: string) => `p.id = ${param}`,
  personnummer: (param: string) => `p.personnummer = ${param}`,
  passportNumber: (param: string) => `upper(p.passport_number) = upper(${param})`,
  hsaId: (param: string) => `upper(p.hsa_id) = upper(${param})`,
} as const;

/** What a logged read of a person's detail records, and whether a protected identity is answered. */
export interface DetailAccess {
  entry: AccessEntry;
  /** False: a person with a protected identity is not answered (but the attempt is logged). */
  showProtected: boolean;
}

/**
 * A person's detail in one statement: the list's row (with its late columns), the engagements
 * and the holdings, each list as JSON in the order its own query sorts it. A lookup is one round
 * trip to the database rather than four.
 *
 * With `access` the same statement also appends the read to the lookup log (a data-modifying
 * CTE, run whether or not a person is found): who, the person found (or none), the masked value
 * asked for, why, and whether the person was answered. Still one round trip.
 */
export function personDetailQuery(
  by: keyof typeof PERSON_WHERE_BY,
  value: string,
  today: string,
  access?: DetailAccess,
): { text: string; values: unknown[] } {
  const p = new SqlParams();
  const where = PERSON_WHERE_BY[by](p.add(value));
  const late = PERSON_LIST.late ? `, ${PERSON_LIST.late(p, { today })}` : '';
  const day = p.add(today);
  const list = (sql: string) => `(SELECT coalesce(json_agg(x), '[]'::json) FROM (${sql}) x)`;
  const columns = `page.*${late},
        ${list(personEngagementsSql('page.id', day))} AS engagements,
        ${list(personHeldAssignmentsSql('page.id', day))} AS "heldAssignments"`;
  const found = `SELECT ${PERSON_LIST.select} FROM ${PERSON_LIST.from} WHERE ${where} LIMIT 1`;
  if (!access) return { text: `SELECT ${columns} FROM (${found}) AS page`, values: p.values };
  const hidden = access.showProtected ? '' : `WHERE NOT found."protectedIdentity"`;
  return {
    text: `WITH found AS MATERIALIZED (${found}),
      page AS (SELECT * FROM found ${hidden}),
      logged AS (${accessLogInsertSql(access.entry, p, '(SELECT id FROM found)', 'EXISTS (SELECT 1 FROM page)')})
      SELECT ${columns} FROM page`,
    values: p.values,
  };
}

/** Which of the given unique values another person already has (case-insensitive where looked up so). */
export const PERSON_CLASHES_SQL = `
  SELECT
    coalesce(bool_or(upper(hsa_id) = upper($1::text)), false) AS "hsaId",
    coalesce(bool_or(lower(user_id) = lower($2::text)), false) AS "userId",
    coalesce(bool_or(personnummer = $3::bpchar), false) AS "personnummer",
    coalesce(bool_or(upper(passport_number) = upper($4::text)), false) AS "passportNumber"
  FROM person
  WHERE id IS DISTINCT FROM $5::uuid
    AND (upper(hsa_id) = upper($1::text) OR lower(user_id) = lower($2::text)
      OR personnummer = $3::bpchar OR upper(passport_number) = upper($4::text))`;
