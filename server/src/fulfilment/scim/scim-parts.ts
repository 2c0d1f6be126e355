import type { EntityManager } from 'typeorm';
import type { PartRole } from '../../access-catalogue/holdings.js';
import {
  joinPerson,
  personFirstNameSql,
  personHsaIdSql,
  personLastNameSql,
  personUserIdSql,
} from '../../directory/directory.reads.js';
import { joinAccessOrder } from '../../orders/access-handover.js';

/*
 * The SCIM delivery's statements on access_part, the outbox of SCIM parts: PENDING parts of
 * method SCIM whose scim_next_at has come are due. A claim moves scim_next_at forward by a lease
 * (in a short transaction, FOR UPDATE SKIP LOCKED), so no other process claims the part while
 * this one talks to the SCIM server without holding a lock; every later write names the lease
 * (the claimed scim_next_at) and changes nothing if the part has moved on since.
 */

/** A claimed SCIM part with what delivering it needs: its roles and the end user. */
export interface ClaimedScimPart {
  id: string;
  orderId: string;
  itemId: string;
  systemId: string;
  grantRoles: PartRole[];
  revokeRoles: PartRole[];
  /** Attempts made before this one. */
  attempts: number;
  /** The lease: scim_next_at as the claim set it. */
  lease: Date;
  endUserId: string;
  hsaId: string;
  userId: string;
  firstName: string;
  lastName: string;
}

/**
 * Claims up to `limit` due SCIM parts (scim_next_at <= now), oldest due first, skipping parts
 * another transaction holds; moves each one's scim_next_at to `leaseUntil`. Run in a transaction
 * of its own and commit at once: the claim is what keeps other processes off the part.
 */
export async function claimDueScimParts(
  m: EntityManager,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<ClaimedScimPart[]> {
  // One statement: the claim's UPDATE wrapped in a SELECT (TypeORM answers a bare UPDATE …
  // RETURNING with [rows, count]), which joins what the delivery needs to the claimed rows.
  return m.query<ClaimedScimPart[]>(
    `WITH due AS (
       SELECT dp.id FROM access_part dp
        WHERE dp.status = 'PENDING' AND dp.method = 'SCIM' AND dp.scim_next_at <= $1
        ORDER BY dp.scim_next_at, dp.id
        LIMIT $3
        FOR UPDATE SKIP LOCKED
     ), claimed AS (
       UPDATE access_part cp SET scim_next_at = $2, updated_at = $1 FROM due WHERE cp.id = due.id
       RETURNING cp.id, cp.order_id, cp.item_id, cp.system_id, cp.grant_roles, cp.revoke_roles,
                 cp.scim_attempts, cp.scim_next_at, cp.created_at
     )
     SELECT p.id, p.order_id AS "orderId", p.item_id AS "itemId", p.system_id AS "systemId",
            p.grant_roles AS "grantRoles", p.revoke_roles AS "revokeRoles", p.scim_attempts AS attempts,
            p.scim_next_at AS lease, o.end_user_id AS "endUserId", ${personHsaIdSql('eu')} AS "hsaId",
            ${personUserIdSql('eu')} AS "userId", ${personFirstNameSql('eu')} AS "firstName",
            ${personLastNameSql('eu')} AS "lastName"
       FROM claimed p
       ${joinAccessOrder('o', 'p.order_id')}
       ${joinPerson('eu', 'o.end_user_id')}
      ORDER BY p.created_at, p.id`,
    [now, leaseUntil, limit],
  );
}

/**
 * Locks the part if it is still this delivery's: PENDING, SCIM, and its lease unchanged. Answers
 * false when it has moved on (settled by hand meanwhile, or claimed again after the lease ran out).
 */
export async function lockLeasedPart(m: EntityManager, partId: string, lease: Date): Promise<boolean> {
  const rows = await m.query<unknown[]>(
    `SELECT 1 FROM access_part p
      WHERE p.id = $1 AND p.status = 'PENDING' AND p.method = 'SCIM' AND p.scim_next_at = $2
      FOR UPDATE`,
    [partId, lease],
  );
  return rows.length > 0;
}

/** Counts a delivered attempt on the part (locked by lockLeasedPart); settling it is the caller's. */
export async function recordDelivered(m: EntityManager, partId: string, now: Date): Promise<void> {
  await m.query(
    `UPDATE access_part SET scim_attempts = scim_attempts + 1, scim_next_at = NULL, updated_at = $2
      WHERE id = $1`,
    [partId, now],
  );
}

/**
 * Counts a failed attempt: the next try at `nextAt`, or, with `nextAt` null, none: the part
 * becomes MANUAL (a work item for the system's administrators), its last error kept. Only while
 * the lease holds; answers the attempts made, or undefined when the part has moved on.
 */
export async function recordFailed(
  m: EntityManager,
  partId: string,
  lease: Date,
  error: string,
  nextAt: Date | null,
  now: Date,
): Promise<number | undefined> {
  // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
  const [row] = await m.query<{ attempts: number }[]>(
    `WITH failed AS (
       UPDATE access_part
          SET scim_attempts = scim_attempts + 1, scim_last_error = $3, scim_next_at = $4,
              method = CASE WHEN $4::timestamptz IS NULL THEN 'MANUAL' ELSE method END, updated_at = $5
        WHERE id = $1 AND status = 'PENDING' AND method = 'SCIM' AND scim_next_at = $2
        RETURNING scim_attempts
     )
     SELECT scim_attempts AS attempts FROM failed`,
    [partId, lease, error, nextAt, now],
  );
  return row?.attempts;
}

/** Gives a claimed part back untried: due again at `now`, for the next claim. */
export async function releaseLease(m: EntityManager, partId: string, lease: Date, now: Date): Promise<void> {
  await m.query(
    `UPDATE access_part SET scim_next_at = $3, updated_at = $3
      WHERE id = $1 AND status = 'PENDING' AND method = 'SCIM' AND scim_next_at = $2`,
    [partId, lease, now],
  );
}
