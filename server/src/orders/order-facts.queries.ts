import type { DataSource, EntityManager } from 'typeorm';
import type { AssignmentKind } from '../directory/entities/assignment.entity.js';
import type { Purpose } from '../directory/entities/base.js';
import { activeSql } from '../common/sql.js';

type Db = DataSource | EntityManager;

/**
 * What the ordering rules need to know about the end user, the assignments and who holds what,
 * read from the directory and the orders in a few set-wise queries.
 */
export interface EndUserFacts {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  hasActiveEngagement: boolean;
  /** Has an active engagement at a unit of a private care provider. */
  privateProvider: boolean;
}

export interface AssignmentFacts {
  id: string;
  name: string;
  kind: AssignmentKind;
  purpose: Purpose;
  description: string | null;
  privateProviderOnly: boolean;
  careUnitId: string;
  careUnitName: string;
  careUnitHsaId: string;
  administrationName: string;
}

export interface PersonContact {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  isAdministrator: boolean;
}

export async function endUserFacts(
  db: Db,
  personId: string,
  today: string,
): Promise<EndUserFacts | undefined> {
  const [row] = await db.query<EndUserFacts[]>(
    `SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName",
            EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = p.id AND ${activeSql('e', '$2')})
              AS "hasActiveEngagement",
            EXISTS (SELECT 1 FROM engagement e
                      JOIN care_unit cu ON cu.id = e.care_unit_id
                      JOIN administration a ON a.id = cu.administration_id
                      JOIN care_provider cp ON cp.id = a.care_provider_id
                     WHERE e.person_id = p.id AND cp.kind = 'PRIVATE' AND ${activeSql('e', '$2')})
              AS "privateProvider"
       FROM person p WHERE p.id = $1`,
    [personId, today],
  );
  return row;
}

const ASSIGNMENT_COLUMNS = `asg.id, asg.name, asg.kind, asg.purpose, asg.description,
  asg.private_provider_only AS "privateProviderOnly", cu.id AS "careUnitId", cu.name AS "careUnitName",
  cu.hsa_id AS "careUnitHsaId", adm.name AS "administrationName"`;

const ASSIGNMENT_FROM = `assignment asg
  JOIN care_unit cu ON cu.id = asg.care_unit_id
  JOIN administration adm ON adm.id = cu.administration_id`;

/** The assignments with these ids that exist (any order). */
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

/** The assignments the person holds today, with since when (the earliest holding). */
export async function heldToday(db: Db, personId: string, today: string): Promise<Map<string, string>> {
  const rows = await db.query<{ assignmentId: string; validFrom: string }[]>(
    `SELECT h.assignment_id AS "assignmentId", min(h.valid_from) AS "validFrom"
       FROM held_assignment h WHERE h.person_id = $1 AND ${activeSql('h', '$2')}
      GROUP BY h.assignment_id`,
    [personId, today],
  );
  return new Map(rows.map((r) => [r.assignmentId, r.validFrom]));
}

/** Assignments with an open (pending) line for the person: ordered, not yet carried out. */
export async function pendingFor(db: Db, personId: string): Promise<Set<string>> {
  const rows = await db.query<{ assignmentId: string }[]>(
    `SELECT i.assignment_id AS "assignmentId" FROM vmu_order_item i
      WHERE i.end_user_id = $1 AND i.status = 'PENDING'`,
    [personId],
  );
  return new Set(rows.map((r) => r.assignmentId));
}

export function personsByIds(db: Db, ids: readonly string[]): Promise<PersonContact[]> {
  return db.query<PersonContact[]>(
    `SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName", p.email,
            p.is_administrator AS "isAdministrator"
       FROM person p WHERE p.id = ANY($1::uuid[])`,
    [[...ids]],
  );
}

export const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
