import type { EntityManager } from 'typeorm';
import type { PartRole } from '../access-catalogue/holdings.js';
import type { SealedSecret } from '../common/secret-seal.js';

/** The statuses of a system's part of an access order line. */
export const PART_STATUSES = ['PENDING', 'DONE', 'REFUSED'] as const;
export type PartStatus = (typeof PART_STATUSES)[number];
export const PART_METHODS = ['MANUAL', 'SCIM'] as const;
export type PartMethod = (typeof PART_METHODS)[number];

/** An access_part row. */
export interface PartRecord {
  id: string;
  orderId: string;
  itemId: string;
  systemId: string;
  method: PartMethod;
  grantRoles: PartRole[];
  revokeRoles: PartRole[];
  status: PartStatus;
  urgent: boolean;
  reason: string | null;
  feedbackSealed: SealedSecret | null;
  feedbackReads: number;
  feedbackFirstReadAt: Date | null;
  doneById: string | null;
  doneAt: Date | null;
  scimAttempts: number;
  scimNextAt: Date | null;
  scimLastError: string | null;
  remindedAt: Date | null;
  createdAt: Date;
}

export const PART_COLUMNS = `p.id, p.order_id AS "orderId", p.item_id AS "itemId", p.system_id AS "systemId",
  p.method, p.grant_roles AS "grantRoles", p.revoke_roles AS "revokeRoles", p.status, p.urgent, p.reason,
  p.feedback_sealed AS "feedbackSealed", p.feedback_reads AS "feedbackReads",
  p.feedback_first_read_at AS "feedbackFirstReadAt", p.done_by_id AS "doneById", p.done_at AS "doneAt",
  p.scim_attempts AS "scimAttempts", p.scim_next_at AS "scimNextAt", p.scim_last_error AS "scimLastError",
  p.reminded_at AS "remindedAt", p.created_at AS "createdAt"`;

export interface NewPart {
  orderId: string;
  itemId: string;
  systemId: string;
  method: PartMethod;
  grantRoles: PartRole[];
  revokeRoles: PartRole[];
  urgent: boolean;
}

/** Inserts parts in one statement (SCIM parts due at once); answers them in the given order. */
export async function insertParts(
  m: EntityManager,
  parts: readonly NewPart[],
  now: Date,
): Promise<PartRecord[]> {
  if (parts.length === 0) return [];
  const rows = await m.query<(PartRecord & { n: number })[]>(
    `WITH input AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
         n int, "orderId" uuid, "itemId" uuid, "systemId" uuid, method varchar, "grantRoles" jsonb,
         "revokeRoles" jsonb, urgent boolean)
     ), inserted AS (
       INSERT INTO access_part (order_id, item_id, system_id, method, grant_roles, revoke_roles, status, urgent,
                                scim_next_at, created_at, updated_at)
       SELECT x."orderId", x."itemId", x."systemId", x.method, x."grantRoles", x."revokeRoles", 'PENDING', x.urgent,
              CASE WHEN x.method = 'SCIM' THEN $2::timestamptz END, $2, $2
         FROM input x ORDER BY x.n
       RETURNING *
     )
     SELECT ${PART_COLUMNS}, x.n FROM inserted p JOIN input x ON x."itemId" = p.item_id AND x."systemId" = p.system_id
      ORDER BY x.n`,
    [JSON.stringify(parts.map((p, n) => ({ n, ...p }))), now],
  );
  return rows.map(({ n: _n, ...part }) => part);
}

/** The order a part belongs to (no lock); undefined: no such part. */
export async function orderOfPart(m: EntityManager, partId: string): Promise<string | undefined> {
  const [row] = await m.query<{ orderId: string }[]>(
    `SELECT p.order_id AS "orderId" FROM access_part p WHERE p.id = $1`,
    [partId],
  );
  return row?.orderId;
}

/** Reads a part, with `lock` under its row lock. */
export async function readPart(
  m: EntityManager,
  partId: string,
  lock: boolean,
): Promise<PartRecord | undefined> {
  const [part] = await m.query<PartRecord[]>(
    `SELECT ${PART_COLUMNS} FROM access_part p WHERE p.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [partId],
  );
  return part;
}

/** Every part of the orders (no lock: the caller holds the orders' locks). */
export async function partsOfOrders(m: EntityManager, orderIds: readonly string[]): Promise<PartRecord[]> {
  if (orderIds.length === 0) return [];
  return m.query<PartRecord[]>(
    `SELECT ${PART_COLUMNS} FROM access_part p WHERE p.order_id = ANY($1::uuid[]) ORDER BY p.created_at, p.id`,
    [[...orderIds]],
  );
}

export async function writeSettlement(
  m: EntityManager,
  partId: string,
  s: {
    status: 'DONE' | 'REFUSED';
    reason: string | null;
    feedbackSealed: SealedSecret | null;
    actorId: string | null;
    at: Date;
  },
): Promise<void> {
  await m.query(
    `UPDATE access_part SET status = $2, reason = $3, feedback_sealed = $4::jsonb, done_by_id = $5, done_at = $6,
            updated_at = $6
      WHERE id = $1`,
    [partId, s.status, s.reason, s.feedbackSealed ? JSON.stringify(s.feedbackSealed) : null, s.actorId, s.at],
  );
}

/** Counts one more reading of the part's Återkopplingsinfo. */
export async function countFeedbackRead(m: EntityManager, partId: string, at: Date): Promise<number> {
  // An UPDATE's answer through TypeORM is [rows, count]: read it back instead.
  await m.query(
    `UPDATE access_part SET feedback_reads = feedback_reads + 1,
            feedback_first_read_at = COALESCE(feedback_first_read_at, $2), updated_at = $2
      WHERE id = $1`,
    [partId, at],
  );
  const [row] = await m.query<{ reads: number }[]>(
    `SELECT feedback_reads AS reads FROM access_part WHERE id = $1`,
    [partId],
  );
  return row.reads;
}
