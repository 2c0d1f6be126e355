import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventHash, toJson } from '../server/src/audit/audit-chain.js';

interface HistoryRow {
  entityId: string;
  actorId: string;
  action: string;
  before: unknown;
  after: unknown;
  at: Date;
}

/**
 * One history of a delegation: the audit log. `delegation_event` kept the same changes as the
 * audit log's DELEGATION_* events (the recorder wrote both in one transaction), so it goes.
 *
 * Only the demo seed wrote `delegation_event` rows without their audit event (the CREATED
 * events of the demo delegations). Those are appended to the audit chain first, linked exactly
 * as AuditService.append links events (audit-chain.ts, whose hash must verify old events
 * forever and so never changes), with the time the change was made: the delegation view orders
 * its history by that time, so a late-recorded event still shows where it happened.
 */
export class DelegationHistoryInAuditLog1764900000000 implements MigrationInterface {
  name = 'DelegationHistoryInAuditLog1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const missing = (await q.query(`
      SELECT e.delegation_id::text AS "entityId", e.actor_id AS "actorId", 'DELEGATION_' || e.action AS action,
             e.before, e.after, e.at
        FROM delegation_event e
       WHERE NOT EXISTS (
         SELECT 1 FROM audit_event a
          WHERE a.entity_type = 'delegation' AND a.entity_id = e.delegation_id::text
            AND a.action = 'DELEGATION_' || e.action AND a.after = e.after)
       ORDER BY e.at, e.id`)) as HistoryRow[];
    if (missing.length > 0) await appendToChain(q, missing);
    await q.query(`DROP TABLE delegation_event`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delegation_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delegation_id uuid NOT NULL REFERENCES delegation(id) ON DELETE CASCADE,
        actor_id uuid NOT NULL REFERENCES person(id),
        action varchar(16) NOT NULL CHECK (action IN ('CREATED', 'LIMITED', 'REVOKED')),
        before jsonb,
        after jsonb NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX delegation_event_delegation_idx ON delegation_event (delegation_id, at)`);
    // The history as the audit log has it; the events stay in the log as well.
    await q.query(`
      INSERT INTO delegation_event (delegation_id, actor_id, action, before, after, at)
      SELECT d.id, a.actor_id, substr(a.action, length('DELEGATION_') + 1), a.before, a.after, a.at
        FROM audit_event a JOIN delegation d ON d.id::text = a.entity_id
       WHERE a.entity_type = 'delegation' AND a.actor_id IS NOT NULL AND a.after IS NOT NULL
         AND a.action IN ('DELEGATION_CREATED', 'DELEGATION_LIMITED', 'DELEGATION_REVOKED')
       ORDER BY a.at, a.id`);
  }
}

/** Appends the events at the end of the audit chain, under its head lock, as AuditService does. */
async function appendToChain(q: QueryRunner, rows: HistoryRow[]): Promise<void> {
  const [head] = (await q.query(
    `SELECT last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
  )) as { lastHash: string }[];
  let prevHash = head.lastHash;
  let lastId = '';
  for (const row of rows) {
    const [{ id }] = (await q.query(`SELECT nextval('audit_event_id_seq')::text AS id`)) as { id: string }[];
    const event = {
      id,
      at: row.at,
      actorId: row.actorId,
      action: row.action,
      entityType: 'delegation',
      entityId: row.entityId,
      before: toJson(row.before),
      after: toJson(row.after),
      prevHash,
    };
    const hash = eventHash(event);
    await q.query(
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
        prevHash,
        hash,
      ],
    );
    prevHash = hash;
    lastId = id;
  }
  await q.query(`UPDATE audit_chain_head SET last_id = $1, last_hash = $2 WHERE id = 1`, [lastId, prevHash]);
}
