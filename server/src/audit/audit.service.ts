import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { eventHash, GENESIS_HASH, type JsonValue, toJson } from './audit-chain.js';

export interface AuditEventInput {
  /** The person who acted (person.id); null when the system acts by itself (scheduler). */
  actorId: string | null;
  /** What happened, e.g. ORDER_PLACED, ORDER_APPROVED, DELEGATION_REVOKED. */
  action: string;
  /** e.g. 'order', 'delegation'. */
  entityType: string;
  entityId: string;
  /** Snapshots before and after the change (plain JSON after Date → ISO string); omit what does not apply. */
  before?: unknown;
  after?: unknown;
}

export interface AuditEventView {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonValue;
  after: JsonValue;
  prevHash: string;
  hash: string;
}

export type ChainVerification =
  | { ok: true; count: number }
  | {
      ok: false;
      count: number;
      firstBrokenId: string | null;
      reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'HEAD_MISMATCH';
      detail: string;
    };

export const AUDIT_COLUMNS = `e.id::text AS id, e.at, e.actor_id AS "actorId", e.action,
  e.entity_type AS "entityType", e.entity_id AS "entityId", e.before, e.after,
  e.prev_hash AS "prevHash", e.hash`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERIFY_BATCH = 2000;

/** The append-only, hash-chained audit log (see migrations/…-AuditLog.ts for the database side). */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one event in the caller's transaction (`manager`), so the event exists exactly when
   * the change it records does. Locks the chain head until that transaction ends: other
   * appenders wait, so call this after the change's own row locks, near the end of the work.
   */
  async append(manager: EntityManager, input: AuditEventInput): Promise<AuditEventView> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Outside a transaction the head lock would end with the statement, and the event
      // would not share the fate of the change it records.
      throw new Error('AuditService.append must be called with the EntityManager of an open transaction');
    }
    checkInput(input);
    const [head] = await manager.query<{ lastHash: string }[]>(
      `SELECT last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
    );
    if (!head) throw new Error('audit_chain_head is missing: the AuditLog migration has not run');
    // Taken under the head lock, so ids increase along the chain.
    const [{ id }] = await manager.query<{ id: string }[]>(
      `SELECT nextval('audit_event_id_seq')::text AS id`,
    );
    const event = {
      id,
      at: this.clock.now(),
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId,
      before: toJson(input.before),
      after: toJson(input.after),
      prevHash: head.lastHash,
    };
    const hash = eventHash(event);
    await manager.query(
      `INSERT INTO audit_event (id, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`,
      [
        id,
        event.at,
        event.actorId,
        event.action,
        event.entityType,
        event.entityId,
        event.before === null ? null : JSON.stringify(event.before),
        event.after === null ? null : JSON.stringify(event.after),
        event.prevHash,
        hash,
      ],
    );
    await manager.query(`UPDATE audit_chain_head SET last_id = $1, last_hash = $2 WHERE id = 1`, [id, hash]);
    return { ...event, hash };
  }

  /** The events of one entity, oldest first (for an order's or a delegation's own history). */
  async eventsFor(entityType: string, entityId: string, db: DataSource | EntityManager = this.dataSource) {
    return db.query<AuditEventView[]>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_event e WHERE e.entity_type = $1 AND e.entity_id = $2 ORDER BY e.id`,
      [entityType, entityId],
    );
  }

  /**
   * Recomputes the whole chain from genesis on one snapshot (REPEATABLE READ), batch by batch,
   * and names the first event whose content or link does not match.
   */
  async verify(): Promise<ChainVerification> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      let expectedPrev = GENESIS_HASH;
      let lastId: string | null = null;
      let count = 0;
      for (;;) {
        const rows: AuditEventView[] = await m.query<AuditEventView[]>(
          `SELECT ${AUDIT_COLUMNS} FROM audit_event e
            WHERE $1::bigint IS NULL OR e.id > $1::bigint ORDER BY e.id LIMIT ${VERIFY_BATCH}`,
          [lastId],
        );
        for (const row of rows) {
          if (row.prevHash !== expectedPrev) {
            return broken(
              count,
              row.id,
              'PREV_HASH_MISMATCH',
              'Länken till föregående händelse stämmer inte: en händelse före denna saknas, har lagts till eller har ändrats.',
            );
          }
          if (eventHash(row) !== row.hash) {
            return broken(
              count,
              row.id,
              'HASH_MISMATCH',
              'Händelsens innehåll stämmer inte med dess hash: händelsen har ändrats.',
            );
          }
          expectedPrev = row.hash;
          lastId = row.id;
          count++;
        }
        if (rows.length < VERIFY_BATCH) break;
      }
      const [head] = await m.query<{ lastId: string | null; lastHash: string }[]>(
        `SELECT last_id::text AS "lastId", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1`,
      );
      if (!head || head.lastId !== lastId || head.lastHash !== expectedPrev) {
        return broken(
          count,
          head?.lastId ?? lastId,
          'HEAD_MISMATCH',
          'Kedjans sista länk stämmer inte med den senaste händelsen: händelser i slutet saknas.',
        );
      }
      return { ok: true, count };
    });
  }
}

function broken(
  count: number,
  firstBrokenId: string | null,
  reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'HEAD_MISMATCH',
  detail: string,
): ChainVerification {
  return { ok: false, count, firstBrokenId, reason, detail };
}

function checkInput(input: AuditEventInput): void {
  const text = (name: string, value: unknown, max: number) => {
    if (typeof value !== 'string' || value === '' || value.length > max) {
      throw new Error(`Audit event ${name} must be a text of 1-${max} characters`);
    }
  };
  text('action', input.action, 64);
  text('entityType', input.entityType, 64);
  text('entityId', input.entityId, 64);
  if (input.actorId !== null && !(typeof input.actorId === 'string' && UUID.test(input.actorId))) {
    throw new Error('Audit event actorId must be a person id (uuid) or null');
  }
}
