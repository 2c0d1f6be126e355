import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import { canonicalJson, chainedHash, type JsonValue, toJson } from './audit-chain.js';
import { verifyWholeChain } from './chain-check.js';
import { isUuid } from '../common/uuid.js';

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

/*
 * The answers are classes only so that their property decorators describe them in the OpenAPI
 * description (common/api-schema.ts); they are never instantiated.
 */

export class AuditEventView {
  @Prop.text({ description: 'The position in the chain.' }) id!: string;
  @Prop.dateTime() at!: Date;
  @Prop.id({ nullable: true, description: 'null when the system acted by itself (the scheduler).' })
  actorId!: string | null;
  @Prop.text({ description: 'e.g. ORDER_PLACED, DELEGATION_REVOKED.' }) action!: string;
  @Prop.text({ description: "e.g. 'order', 'delegation'." }) entityType!: string;
  @Prop.text() entityId!: string;
  @Prop.json({ description: 'The snapshot before the change; null when it does not apply.' })
  before!: JsonValue;
  @Prop.json({ description: 'The snapshot after the change; null when it does not apply.' })
  after!: JsonValue;
  @Prop.text() prevHash!: string;
  @Prop.text() hash!: string;
}

export const CHAIN_BREAKS = ['HASH_MISMATCH', 'PREV_HASH_MISMATCH', 'HEAD_MISMATCH'] as const;

/** The chain recomputed from its start and found whole. */
export class ChainIntact {
  @Prop.exactly(true) ok!: true;
  @Prop.int() count!: number;
}

/** The chain recomputed from its start and found broken: where and how. */
export class ChainBroken {
  @Prop.exactly(false) ok!: false;
  @Prop.int() count!: number;
  @Prop.text({ nullable: true }) firstBrokenId!: string | null;
  @Prop.oneOf(CHAIN_BREAKS, 'ChainBreak') reason!: (typeof CHAIN_BREAKS)[number];
  @Prop.text() detail!: string;
}

export type ChainVerification = ChainIntact | ChainBroken;

export const AUDIT_COLUMNS = `e.id::text AS id, e.at, e.actor_id AS "actorId", e.action,
  e.entity_type AS "entityType", e.entity_id AS "entityId", e.before, e.after,
  e.prev_hash AS "prevHash", e.hash`;

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
    const [event] = await this.appendMany(manager, [input]);
    return event;
  }

  /**
   * Appends events in this order, chained one after the other, in four statements whatever
   * their number: a mass order of a thousand orders records a thousand events without a
   * thousand round trips while it holds the head lock. The snapshots' JSON (the bulk of an
   * event, and of its hashing) is made before the head is taken; under it are left the ids, the
   * time and the hashes, which depend on it, and the insert.
   */
  async appendMany(manager: EntityManager, inputs: readonly AuditEventInput[]): Promise<AuditEventView[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      // Outside a transaction the head lock would end with the statement, and the event
      // would not share the fate of the change it records.
      throw new Error('AuditService.append must be called with the EntityManager of an open transaction');
    }
    if (inputs.length === 0) return [];
    inputs.forEach(checkInput);
    const prepared = inputs.map((input) => {
      const before = toJson(input.before);
      const after = toJson(input.after);
      // Canonical JSON is JSON: what is hashed is also what is stored (jsonb keeps the value).
      return { input, before, after, beforeJson: canonicalJson(before), afterJson: canonicalJson(after) };
    });
    const [head] = await manager.query<{ lastHash: string }[]>(
      `SELECT last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
    );
    if (!head) throw new Error('audit_chain_head is missing: the AuditLog migration has not run');
    // Taken under the head lock, so ids increase along the chain.
    const taken = await manager.query<{ id: string }[]>(
      `SELECT nextval('audit_event_id_seq')::text AS id FROM generate_series(1, $1::int)`,
      [inputs.length],
    );
    const ids = taken.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const at = this.clock.now();
    let prevHash = head.lastHash;
    const events = prepared.map(({ input, before, after, beforeJson, afterJson }, n): AuditEventView => {
      const event = {
        id: ids[n].toString(),
        at,
        actorId: input.actorId,
        action: input.action,
        entityType: input.entityType,
        entityId: input.entityId,
        before,
        after,
        prevHash,
      };
      prevHash = chainedHash({ ...event, before: beforeJson, after: afterJson });
      return { ...event, hash: prevHash };
    });
    const stored = (value: JsonValue, json: string) => (value === null ? null : json);
    await manager.query(
      `INSERT INTO audit_event (id, at, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)
       SELECT e.id, $2, e.actor_id, e.action, e.entity_type, e.entity_id, e.before::jsonb, e.after::jsonb,
              e.prev_hash, e.hash
         FROM unnest($1::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::text[])
              AS e(id, actor_id, action, entity_type, entity_id, before, after, prev_hash, hash)`,
      [
        events.map((e) => e.id),
        at,
        events.map((e) => e.actorId),
        events.map((e) => e.action),
        events.map((e) => e.entityType),
        events.map((e) => e.entityId),
        prepared.map((p) => stored(p.before, p.beforeJson)),
        prepared.map((p) => stored(p.after, p.afterJson)),
        events.map((e) => e.prevHash),
        events.map((e) => e.hash),
      ],
    );
    const last = events[events.length - 1];
    await manager.query(`UPDATE audit_chain_head SET last_id = $1, last_hash = $2 WHERE id = 1`, [
      last.id,
      last.hash,
    ]);
    return events;
  }

  /** The events of one entity, oldest first (for an order's or a delegation's own history). */
  async eventsFor(entityType: string, entityId: string, db: DataSource | EntityManager = this.dataSource) {
    return db.query<AuditEventView[]>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_event e WHERE e.entity_type = $1 AND e.entity_id = $2 ORDER BY e.id`,
      [entityType, entityId],
    );
  }

  /** Whether `actorId` recorded one of `actions` on the entity (e.g. who decided an order). */
  async hasActed(
    entityType: string,
    entityId: string,
    actorId: string,
    actions: readonly string[],
    db: DataSource | EntityManager = this.dataSource,
  ): Promise<boolean> {
    const [row] = await db.query<{ acted: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM audit_event e WHERE e.entity_id = $2 AND e.entity_type = $1
                        AND e.actor_id = $3 AND e.action = ANY($4::text[])) AS acted`,
      [entityType, entityId, actorId, [...actions]],
    );
    return row.acted;
  }

  /**
   * The events of one entity in the order they happened (time, then chain order), as a history
   * shows them. Unlike eventsFor's chain order, this puts an event recorded after the fact where
   * it happened: the delegation history's older events were moved into the log by a migration.
   */
  async historyOf(entityType: string, entityId: string, db: DataSource | EntityManager = this.dataSource) {
    return db.query<AuditEventView[]>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_event e WHERE e.entity_type = $1 AND e.entity_id = $2
        ORDER BY e.at, e.id`,
      [entityType, entityId],
    );
  }

  /**
   * Recomputes the whole chain from genesis in this process, on one snapshot, and names the first
   * event whose content or link does not match (GET /api/audit-events/verify is incremental and
   * full runs go in the background: AuditVerifyService).
   */
  async verify(): Promise<ChainVerification> {
    return verifyWholeChain(this.dataSource);
  }
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
  if (input.actorId !== null && !isUuid(input.actorId)) {
    throw new Error('Audit event actorId must be a person id (uuid) or null');
  }
}
