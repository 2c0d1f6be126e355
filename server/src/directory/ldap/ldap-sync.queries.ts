import type { EntityManager } from 'typeorm';
import type {
  AdministrationEntry,
  CommissionEntry,
  EngagementEntry,
  PersonEntry,
  ProviderEntry,
} from './ldap-mapping.js';

/**
 * The sync's bulk writes (issue 15, point 5): one statement per kind of entry, whatever the
 * number of entries, each array a column (unnest). An upsert changes a row only when a column
 * differs (IS DISTINCT FROM), so a run that finds nothing new writes nothing, and answers which
 * rows it created and which it changed.
 */

export interface Upserted {
  id: string;
  key: string;
  created: boolean;
}

const upserted = (rows: { id: string; key: string; created: boolean }[]): Upserted[] => rows;

/** An UPDATE … RETURNING answers [rows, affected count] through TypeORM; an INSERT the rows. */
function updatedRows<T>(result: unknown): T[] {
  const r = result as [T[], number];
  return Array.isArray(r[0]) ? r[0] : (result as T[]);
}

export async function upsertProviders(m: EntityManager, rows: ProviderEntry[]): Promise<Upserted[]> {
  if (rows.length === 0) return [];
  return upserted(
    await m.query(
      `INSERT INTO care_provider (hsa_id, name, kind, active)
       SELECT i.hsa_id, i.name, i.kind, true
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS i(hsa_id, name, kind)
       ON CONFLICT (hsa_id) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, active = true, updated_at = now()
         WHERE (care_provider.name, care_provider.kind, care_provider.active)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, true)
       RETURNING id, hsa_id AS key, (xmax = 0) AS created`,
      [rows.map((r) => r.hsaId), rows.map((r) => r.name), rows.map((r) => r.kind)],
    ),
  );
}

/** HSA-id → id of the rows of `table` with those HSA-ids. */
export async function idsByHsaId(
  m: EntityManager,
  table: 'care_provider' | 'care_unit' | 'person' | 'assignment',
  hsaIds: string[],
): Promise<Map<string, string>> {
  if (hsaIds.length === 0) return new Map();
  const rows = await m.query<{ id: string; hsa_id: string }[]>(
    `SELECT id, hsa_id FROM ${table} WHERE hsa_id = ANY($1::varchar[])`,
    [[...new Set(hsaIds)]],
  );
  return new Map(rows.map((r) => [r.hsa_id, r.id]));
}

export async function administrationIdsByCode(
  m: EntityManager,
  codes: string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await m.query<{ id: string; code: string }[]>(
    `SELECT id, code FROM administration WHERE code = ANY($1::varchar[])`,
    [[...new Set(codes)]],
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function upsertAdministrations(
  m: EntityManager,
  rows: (AdministrationEntry & { providerId: string })[],
): Promise<Upserted[]> {
  if (rows.length === 0) return [];
  return upserted(
    await m.query(
      `INSERT INTO administration (code, name, care_provider_id, active)
       SELECT i.code, i.name, i.provider_id, true
         FROM unnest($1::varchar[], $2::varchar[], $3::uuid[]) AS i(code, name, provider_id)
       ON CONFLICT (code) DO UPDATE
         SET name = EXCLUDED.name, care_provider_id = EXCLUDED.care_provider_id, active = true, updated_at = now()
         WHERE (administration.name, administration.care_provider_id, administration.active)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.care_provider_id, true)
       RETURNING id, code AS key, (xmax = 0) AS created`,
      [rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.providerId)],
    ),
  );
}

export async function upsertUnits(
  m: EntityManager,
  rows: { hsaId: string; name: string; administrationId: string }[],
): Promise<Upserted[]> {
  if (rows.length === 0) return [];
  return upserted(
    await m.query(
      `INSERT INTO care_unit (hsa_id, name, administration_id, active)
       SELECT i.hsa_id, i.name, i.administration_id, true
         FROM unnest($1::varchar[], $2::varchar[], $3::uuid[]) AS i(hsa_id, name, administration_id)
       ON CONFLICT (hsa_id) DO UPDATE
         SET name = EXCLUDED.name, administration_id = EXCLUDED.administration_id, active = true, updated_at = now()
         WHERE (care_unit.name, care_unit.administration_id, care_unit.active)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.administration_id, true)
       RETURNING id, hsa_id AS key, (xmax = 0) AS created`,
      [rows.map((r) => r.hsaId), rows.map((r) => r.name), rows.map((r) => r.administrationId)],
    ),
  );
}

/** Sets each unit's head (null: none); answers the units whose head changed. */
export async function setUnitHeads(
  m: EntityManager,
  rows: { unitHsaId: string; headId: string | null }[],
): Promise<Upserted[]> {
  if (rows.length === 0) return [];
  return upserted(
    updatedRows(
      await m.query(
        `UPDATE care_unit c SET head_of_unit_id = i.head_id, updated_at = now()
         FROM unnest($1::varchar[], $2::uuid[]) AS i(hsa_id, head_id)
        WHERE c.hsa_id = i.hsa_id AND c.head_of_unit_id IS DISTINCT FROM i.head_id
       RETURNING c.id, c.hsa_id AS key, false AS created`,
        [rows.map((r) => r.unitHsaId), rows.map((r) => r.headId)],
      ),
    ),
  );
}

/**
 * Persons whose VGR-ID, personnummer or passport number another person (another HSA-id) already
 * has: those values are unique, and one such entry must not break the statement for all.
 */
export async function personClashes(
  m: EntityManager,
  rows: PersonEntry[],
): Promise<
  { hsa_id: string; user_id: string; personnummer: string | null; passport_number: string | null }[]
> {
  if (rows.length === 0) return [];
  return m.query(
    `SELECT p.hsa_id, p.user_id, p.personnummer, p.passport_number
       FROM person p
      WHERE p.user_id = ANY($1::varchar[]) OR p.personnummer = ANY($2::varchar[])
         OR p.passport_number = ANY($3::varchar[])`,
    [
      rows.map((r) => r.userId),
      rows.flatMap((r) => (r.personnummer ? [r.personnummer] : [])),
      rows.flatMap((r) => (r.passportNumber ? [r.passportNumber] : [])),
    ],
  );
}

/** Persons by HSA-id; BEH's own column (is_administrator) is left as it is. */
export async function upsertPersons(m: EntityManager, rows: PersonEntry[]): Promise<Upserted[]> {
  if (rows.length === 0) return [];
  return upserted(
    await m.query(
      `INSERT INTO person (hsa_id, user_id, personnummer, passport_number, first_name, last_name, title, email,
                           protected_identity, active)
       SELECT i.hsa_id, i.user_id, i.personnummer, i.passport_number, i.first_name, i.last_name, i.title, i.email,
              i.protected_identity, true
         FROM unnest($1::varchar[], $2::varchar[], $3::char(12)[], $4::varchar[], $5::varchar[], $6::varchar[],
                     $7::varchar[], $8::varchar[], $9::boolean[])
           AS i(hsa_id, user_id, personnummer, passport_number, first_name, last_name, title, email, protected_identity)
       ON CONFLICT (hsa_id) DO UPDATE
         SET user_id = EXCLUDED.user_id, personnummer = EXCLUDED.personnummer,
             passport_number = EXCLUDED.passport_number, first_name = EXCLUDED.first_name,
             last_name = EXCLUDED.last_name, title = EXCLUDED.title, email = EXCLUDED.email,
             protected_identity = EXCLUDED.protected_identity, active = true, updated_at = now()
         WHERE (person.user_id, person.personnummer, person.passport_number, person.first_name, person.last_name,
                person.title, person.email, person.protected_identity, person.active)
           IS DISTINCT FROM (EXCLUDED.user_id, EXCLUDED.personnummer, EXCLUDED.passport_number,
                EXCLUDED.first_name, EXCLUDED.last_name, EXCLUDED.title, EXCLUDED.email,
                EXCLUDED.protected_identity, true)
       RETURNING id, hsa_id AS key, (xmax = 0) AS created`,
      [
        rows.map((r) => r.hsaId),
        rows.map((r) => r.userId),
        rows.map((r) => r.personnummer),
        rows.map((r) => r.passportNumber),
        rows.map((r) => r.firstName),
        rows.map((r) => r.lastName),
        rows.map((r) => r.title),
        rows.map((r) => r.email),
        rows.map((r) => r.protectedIdentity),
      ],
    ),
  );
}

type EngagementRow = EngagementEntry & { personId: string; unitId: string };

/**
 * Engagements by the HSA-id of their entry. An engagement BEH made itself (no HSA-id; the
 * embedded directory's) for the same person and unit is taken over first instead of doubled.
 */
export async function upsertEngagements(m: EntityManager, rows: EngagementRow[]): Promise<Upserted[]> {
  if (rows.length === 0) return [];
  const hsa = rows.map((r) => r.hsaId);
  const persons = rows.map((r) => r.personId);
  const units = rows.map((r) => r.unitId);
  await m.query(
    `WITH i AS (
       SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[]) AS i(hsa_id, person_id, unit_id)
        WHERE NOT EXISTS (SELECT 1 FROM engagement x WHERE x.hsa_id = i.hsa_id)
     ), pick AS (
       SELECT DISTINCT ON (i.hsa_id) i.hsa_id, e.id
         FROM i JOIN engagement e ON e.hsa_id IS NULL AND e.person_id = i.person_id AND e.care_unit_id = i.unit_id
        ORDER BY i.hsa_id, e.valid_to DESC NULLS FIRST, e.id
     ), one AS (SELECT DISTINCT ON (id) id, hsa_id FROM pick ORDER BY id, hsa_id)
     UPDATE engagement e SET hsa_id = one.hsa_id FROM one WHERE e.id = one.id`,
    [hsa, persons, units],
  );
  return upserted(
    await m.query(
      `INSERT INTO engagement (hsa_id, person_id, care_unit_id, cost_centre, title, valid_from, valid_to)
       SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::date[], $7::date[])
       ON CONFLICT (hsa_id) DO UPDATE
         SET person_id = EXCLUDED.person_id, care_unit_id = EXCLUDED.care_unit_id,
             cost_centre = EXCLUDED.cost_centre, title = EXCLUDED.title, valid_from = EXCLUDED.valid_from,
             valid_to = EXCLUDED.valid_to, updated_at = now()
         WHERE (engagement.person_id, engagement.care_unit_id, engagement.cost_centre, engagement.title,
                engagement.valid_from, engagement.valid_to)
           IS DISTINCT FROM (EXCLUDED.person_id, EXCLUDED.care_unit_id, EXCLUDED.cost_centre, EXCLUDED.title,
                EXCLUDED.valid_from, EXCLUDED.valid_to)
       RETURNING id, hsa_id AS key, (xmax = 0) AS created`,
      [
        hsa,
        persons,
        units,
        rows.map((r) => r.costCentre),
        rows.map((r) => r.title),
        rows.map((r) => r.validFrom),
        rows.map((r) => r.validTo),
      ],
    ),
  );
}

/** Assignments of another HSA-id with the same name at the same unit (the name is unique per unit). */
export async function commissionClashes(
  m: EntityManager,
  rows: { hsaId: string; unitId: string; name: string }[],
): Promise<{ hsa_id: string; care_unit_id: string; name: string }[]> {
  if (rows.length === 0) return [];
  return m.query(
    `SELECT a.hsa_id, a.care_unit_id, a.name
       FROM assignment a
       JOIN unnest($1::varchar[], $2::uuid[], $3::varchar[]) AS i(hsa_id, unit_id, name)
         ON a.care_unit_id = i.unit_id AND a.name = i.name AND a.hsa_id <> i.hsa_id`,
    [rows.map((r) => r.hsaId), rows.map((r) => r.unitId), rows.map((r) => r.name)],
  );
}

/** Commissions as assignments; BEH's own column (requires_local_access) is left as it is. */
export async function upsertCommissions(
  m: EntityManager,
  rows: (CommissionEntry & { unitId: string })[],
): Promise<Upserted[]> {
  if (rows.length === 0) return [];
  return upserted(
    await m.query(
      `INSERT INTO assignment (hsa_id, care_unit_id, name, purpose, kind, description, private_provider_only, rights,
                               active)
       SELECT i.hsa_id, i.unit_id, i.name, i.purpose, i.kind, i.description, i.private_provider_only,
              CASE WHEN i.rights = '' THEN NULL ELSE string_to_array(i.rights, E'\\x1f') END, true
         FROM unnest($1::varchar[], $2::uuid[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[],
                     $7::boolean[], $8::text[])
           AS i(hsa_id, unit_id, name, purpose, kind, description, private_provider_only, rights)
       ON CONFLICT (hsa_id) DO UPDATE
         SET care_unit_id = EXCLUDED.care_unit_id, name = EXCLUDED.name, purpose = EXCLUDED.purpose,
             kind = EXCLUDED.kind, description = EXCLUDED.description,
             private_provider_only = EXCLUDED.private_provider_only, rights = EXCLUDED.rights, active = true,
             updated_at = now()
         WHERE (assignment.care_unit_id, assignment.name, assignment.purpose, assignment.kind, assignment.description,
                assignment.private_provider_only, assignment.rights, assignment.active)
           IS DISTINCT FROM (EXCLUDED.care_unit_id, EXCLUDED.name, EXCLUDED.purpose, EXCLUDED.kind,
                EXCLUDED.description, EXCLUDED.private_provider_only, EXCLUDED.rights, true)
       RETURNING id, hsa_id AS key, (xmax = 0) AS created`,
      [
        rows.map((r) => r.hsaId),
        rows.map((r) => r.unitId),
        rows.map((r) => r.name),
        rows.map((r) => r.purpose),
        rows.map((r) => r.kind),
        rows.map((r) => r.description),
        rows.map((r) => r.privateProviderOnly),
        rows.map((r) => r.rights.join('\x1f')),
      ],
    ),
  );
}

/** Members per statement: bounded so one statement's arrays stay a few megabytes. */
const MEMBER_CHUNK = 200_000;

/**
 * ldap_commission_member for the commissions read: exactly the members LDAP has now. Members
 * already known keep the time they were first seen; those LDAP no longer has are removed.
 */
export async function replaceCommissionMembers(
  m: EntityManager,
  commissions: { assignmentId: string; members: string[] }[],
): Promise<Upserted[]> {
  if (commissions.length === 0) return [];
  const ids: string[] = [];
  const hsa: string[] = [];
  for (const c of commissions) {
    for (const member of c.members) {
      ids.push(c.assignmentId);
      hsa.push(member);
    }
  }
  await m.query(
    `CREATE TEMP TABLE IF NOT EXISTS ldap_member_in (assignment_id uuid, person_hsa_id varchar(64)) ON COMMIT DROP`,
  );
  for (let i = 0; i < ids.length; i += MEMBER_CHUNK) {
    await m.query(`INSERT INTO ldap_member_in SELECT * FROM unnest($1::uuid[], $2::varchar[])`, [
      ids.slice(i, i + MEMBER_CHUNK),
      hsa.slice(i, i + MEMBER_CHUNK),
    ]);
  }
  await m.query(`ANALYZE ldap_member_in`);
  const removed = updatedRows<{ id: string }>(
    await m.query(
      `DELETE FROM ldap_commission_member l
      WHERE l.assignment_id = ANY($1::uuid[])
        AND NOT EXISTS (SELECT 1 FROM ldap_member_in n
                         WHERE n.assignment_id = l.assignment_id AND n.person_hsa_id = l.person_hsa_id)
     RETURNING l.assignment_id AS id`,
      [commissions.map((c) => c.assignmentId)],
    ),
  );
  const added = await m.query<{ id: string }[]>(
    `INSERT INTO ldap_commission_member (assignment_id, person_hsa_id, seen_at)
     SELECT assignment_id, person_hsa_id, now() FROM ldap_member_in
     ON CONFLICT (assignment_id, person_hsa_id) DO NOTHING
     RETURNING assignment_id AS id`,
  );
  await m.query(`DROP TABLE ldap_member_in`);
  // A commission whose members changed has changed.
  return [...new Set([...removed, ...added].map((r) => r.id))].map((id) => ({ id, key: id, created: false }));
}

/**
 * A full pass: what LDAP no longer has becomes inactive (never deleted). `seen` holds every key
 * the pass read, broken entries included (a broken entry is skipped, not gone).
 */
export async function inactivateUnseen(
  m: EntityManager,
  table: 'care_provider' | 'care_unit' | 'person' | 'assignment' | 'administration',
  seen: string[],
): Promise<string[]> {
  const key = table === 'administration' ? 'code' : 'hsa_id';
  const rows = updatedRows<{ id: string }>(
    await m.query(
      `UPDATE ${table} t SET active = false, updated_at = now()
      WHERE t.active AND NOT EXISTS (SELECT 1 FROM unnest($1::varchar[]) AS s(key) WHERE s.key = t.${key})
     RETURNING t.id`,
      [seen],
    ),
  );
  if (table === 'assignment' && rows.length > 0) {
    await m.query(`DELETE FROM ldap_commission_member WHERE assignment_id = ANY($1::uuid[])`, [
      rows.map((r) => r.id),
    ]);
  }
  return rows.map((r) => r.id);
}

/**
 * A full pass: an engagement LDAP no longer has (or never had: one BEH made) ends yesterday, or
 * at its own end if that came earlier. LEAVERS' job sees the ended engagement.
 */
export async function endUnseenEngagements(
  m: EntityManager,
  seen: string[],
  yesterday: string,
): Promise<string[]> {
  const rows = updatedRows<{ id: string }>(
    await m.query(
      `UPDATE engagement e SET valid_to = GREATEST(e.valid_from, $2::date), updated_at = now()
      WHERE (e.valid_to IS NULL OR e.valid_to > GREATEST(e.valid_from, $2::date))
        AND (e.hsa_id IS NULL
             OR NOT EXISTS (SELECT 1 FROM unnest($1::varchar[]) AS s(key) WHERE s.key = e.hsa_id))
     RETURNING e.id`,
      [seen, yesterday],
    ),
  );
  return rows.map((r) => r.id);
}

/**
 * The first time the sync records a commission's members, they are what people already hold in KIV
 * (BEH is being put in front of a directory that has history): each member BEH does not hold it for
 * today becomes a holding from `today`, until further notice. From then on every difference between
 * KIV and BEH is drift (drift.ts), never taken over. Answers how many commissions were seen for the
 * first time and how many holdings were adopted. Members who are not persons of the directory are
 * left to drift.
 */
export async function adoptFirstSeenMembers(
  m: EntityManager,
  assignmentIds: readonly string[],
  today: string,
): Promise<{ commissions: number; holdings: number }> {
  if (assignmentIds.length === 0) return { commissions: 0, holdings: 0 };
  const [row] = await m.query<{ commissions: number; holdings: number }[]>(
    `WITH first AS (
       UPDATE assignment SET members_synced_at = now()
        WHERE id = ANY($1::uuid[]) AND members_synced_at IS NULL
       RETURNING id
     ), adopted AS (
       INSERT INTO held_assignment (person_id, assignment_id, valid_from, valid_to)
       SELECT p.id, l.assignment_id, $2::date, NULL
         FROM ldap_commission_member l
         JOIN first f ON f.id = l.assignment_id
         JOIN person p ON p.hsa_id = l.person_hsa_id
        WHERE NOT EXISTS (SELECT 1 FROM held_assignment h
                           WHERE h.person_id = p.id AND h.assignment_id = l.assignment_id
                             AND (h.valid_to IS NULL OR h.valid_to >= $2::date))
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM first)::int AS commissions, (SELECT count(*) FROM adopted)::int AS holdings`,
    [assignmentIds, today],
  );
  return row;
}
