/**
 * The region's audit events, appended to the chain the database already holds (the demo seed's
 * events) exactly as AuditService.appendMany links them: each event's prev_hash is the hash of the
 * one before it, its hash is audit-chain.ts's SHA-256 over the canonical JSON of its fields, ids
 * increase along the chain, and audit_chain_head moves to the last one. Hashed here, streamed with
 * COPY (the table refuses only UPDATE, DELETE and TRUNCATE; its head only moves forward, to an
 * event that exists with that hash, which its trigger checks).
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { eventHash, type JsonValue } from '../../../server/src/audit/audit-chain.js';
import type { Load } from './copy.js';
import { eventContent, LAST_AUDITED, type Timeline } from './events.js';
import { iso, type Region } from './model.js';

export interface ChainEnd {
  /** Events appended. */
  count: number;
  firstId: string;
  lastId: string;
  lastHash: string;
}

const COLUMNS = [
  'id',
  'at',
  'actor_id',
  'action',
  'entity_type',
  'entity_id',
  'before',
  'after',
  'prev_hash',
  'hash',
];
/**
 * The first events and then every so many: the hash is recomputed with audit-chain.ts's own
 * eventHash over the snapshots parsed back, which also checks that they were written canonically.
 */
const CHECK_FIRST = 20_000;
const CHECK_EVERY = 10_000;

export async function appendAuditChain(
  load: Load,
  r: Region,
  timeline: Timeline,
  progress: (done: number) => void,
): Promise<ChainEnd> {
  const { client } = load;
  const { rows } = await client.query<{ lastId: string | null; lastHash: string; maxId: string | null }>(
    `SELECT h.last_id::text AS "lastId", h.last_hash AS "lastHash", (SELECT max(id)::text FROM audit_event) AS "maxId"
       FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE`,
  );
  const head = rows[0];
  if (!head) throw new Error('audit_chain_head is missing: the AuditLog migration has not run');
  if (head.lastId !== head.maxId) {
    throw new Error(`The audit chain's head (${head.lastId}) is not its last event (${head.maxId})`);
  }
  let id = Number(head.lastId ?? 0);
  let prevHash = head.lastHash;
  const writer = await load.writer('audit_event', COLUMNS);
  const firstId = String(id + 1);
  let count = 0;
  for (let i = 0; i < timeline.count; i++) {
    const h = timeline.order[i];
    const kind = timeline.kind[h];
    if (kind > LAST_AUDITED) continue;
    const e = eventContent(r, kind, timeline.ref[h]);
    const eventId = String(++id);
    const at = iso(timeline.time[h]);
    const { before, after } = e;
    // audit-chain.ts eventHash: SHA-256 over canonicalJson of the fields as an array, fed in parts.
    const hash = createHash('sha256')
      .update(
        `[${JSON.stringify(eventId)},${JSON.stringify(at)},${e.actorId === null ? 'null' : JSON.stringify(e.actorId)},` +
          `${JSON.stringify(e.action)},${JSON.stringify(e.entityType)},${JSON.stringify(e.entityId)},`,
        'utf8',
      )
      .update(before ?? 'null', 'utf8')
      .update(',', 'utf8')
      .update(after ?? 'null', 'utf8')
      .update(`,${JSON.stringify(prevHash)}]`, 'utf8')
      .digest('hex');
    if (count < CHECK_FIRST || count % CHECK_EVERY === 0) {
      const expected = eventHash({
        id: eventId,
        at: new Date(timeline.time[h]),
        actorId: e.actorId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: before === null ? null : (JSON.parse(before) as JsonValue),
        after: after === null ? null : (JSON.parse(after) as JsonValue),
        prevHash,
      });
      if (expected !== hash) throw new Error(`Event ${eventId} hashes differently from audit-chain.ts`);
    }
    await writer.row([
      eventId,
      at,
      e.actorId,
      e.action,
      e.entityType,
      e.entityId,
      before,
      after,
      prevHash,
      hash,
    ]);
    prevHash = hash;
    if (++count % 250_000 === 0) progress(count);
  }
  await writer.end();
  await client.query(`SELECT setval('audit_event_id_seq', $1::bigint)`, [id]);
  return { count, firstId, lastId: String(id), lastHash: prevHash };
}

/**
 * Moves the chain's head to the last event appended. Run with triggers on: the head's own trigger
 * checks that it moves forward, to an event that exists with that hash.
 */
export async function moveChainHead(client: pg.Client, end: ChainEnd): Promise<void> {
  await client.query(`UPDATE audit_chain_head SET last_id = $1, last_hash = $2 WHERE id = 1`, [
    end.lastId,
    end.lastHash,
  ]);
}
