import type { DataSource, EntityManager } from 'typeorm';
import { hasActiveEngagementSql, personNamesSql, worksForPrivateProviderSql } from './directory.reads.js';
import type { AssignmentKind } from './entities/assignment.entity.js';
import type { Purpose } from './entities/base.js';

/**
 * The directory's published reads that are queries of their own: what ordering (the wizard, the
 * order rules, mass orders and their mails) needs to know of persons and the catalogue, as data.
 * Holdings are DirectoryHoldings'; SQL to compose into another module's statement is in
 * directory.reads.ts.
 */

type Db = DataSource | EntityManager;

/** What the ordering rules need to know about an end user. */
export interface EndUserFacts {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  hasActiveEngagement: boolean;
  /** Has an active engagement at a unit of a private care provider. */
  privateProvider: boolean;
  /** False when gone from the directory (KIV): no new grant (rule 37). */
  active: boolean;
}

/** An assignment with its care unit, as ordering shows and checks it. */
export interface AssignmentFacts {
  id: string;
  name: string;
  kind: AssignmentKind;
  purpose: Purpose;
  description: string | null;
  privateProviderOnly: boolean;
  /** Kräver behörighet i lokala eller regionala system: ordered together with a template (rule 12). */
  requiresLocalAccess: boolean;
  careUnitId: string;
  careUnitName: string;
  careUnitHsaId: string;
  administrationName: string;
  /** False when the assignment (commission) is gone from the directory (KIV): no new grant (rule 37). */
  active: boolean;
  /** False when its care unit is gone from the directory (KIV): no new grant (rule 37). */
  careUnitActive: boolean;
}

/** A person as mails address them and rights are derived for them. */
export interface PersonContact {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  isAdministrator: boolean;
}

/** A person's display name in TypeScript, as personNameSql builds it in SQL. */
export const fullName = (p: { firstName: string; lastName: string }): string =>
  `${p.firstName} ${p.lastName}`;

/** The end user's facts on `day`; undefined when there is no such person. */
export async function endUserFacts(db: Db, personId: string, day: string): Promise<EndUserFacts | undefined> {
  const [row] = await db.query<EndUserFacts[]>(
    `SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName",
            ${hasActiveEngagementSql('p.id', '$2')} AS "hasActiveEngagement",
            ${worksForPrivateProviderSql('p.id', '$2')} AS "privateProvider", p.active
       FROM person p WHERE p.id = $1`,
    [personId, day],
  );
  return row;
}

const ASSIGNMENT_COLUMNS = `asg.id, asg.name, asg.kind, asg.purpose, asg.description,
  asg.private_provider_only AS "privateProviderOnly", asg.requires_local_access AS "requiresLocalAccess", cu.id AS "careUnitId", cu.name AS "careUnitName",
  cu.hsa_id AS "careUnitHsaId", adm.name AS "administrationName", asg.active, cu.active AS "careUnitActive"`;

const ASSIGNMENT_FROM = `assignment asg
  JOIN care_unit cu ON cu.id = asg.care_unit_id
  JOIN administration adm ON adm.id = cu.administration_id`;

/** The assignments with these ids that exist (in no particular order). */
export function assignmentsByIds(db: Db, ids: readonly string[]): Promise<AssignmentFacts[]> {
  return db.query<AssignmentFacts[]>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM} WHERE asg.id = ANY($1::uuid[])`,
    [[...ids]],
  );
}

/** The catalogue of these units: units by name, then general before special, then by name. */
export function catalogueOf(db: Db, careUnitIds: readonly string[]): Promise<AssignmentFacts[]> {
  return db.query<AssignmentFacts[]>(
    `SELECT ${ASSIGNMENT_COLUMNS} FROM ${ASSIGNMENT_FROM}
      WHERE cu.id = ANY($1::uuid[])
      ORDER BY cu.name COLLATE beh_sv, cu.id, asg.kind, asg.name COLLATE beh_sv`,
    [[...careUnitIds]],
  );
}

/** The persons with these ids that exist, as mails address them. */
export function personContacts(db: Db, ids: readonly string[]): Promise<PersonContact[]> {
  return db.query<PersonContact[]>(
    `SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName", p.email,
            p.is_administrator AS "isAdministrator"
       FROM person p WHERE p.id = ANY($1::uuid[])`,
    [[...ids]],
  );
}

/** The display names (personNameSql) of the persons with these ids, by id. */
export async function personNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }[]>(personNamesSql('$1'), [[...ids]]);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** True when the care unit exists. */
export async function careUnitExists(db: Db, id: string): Promise<boolean> {
  const rows = await db.query<unknown[]>(`SELECT 1 FROM care_unit WHERE id = $1`, [id]);
  return rows.length > 0;
}
