/**
 * Checks of a built region that cost seconds, not the minutes of recomputing every hash: every
 * link of the audit chain in SQL (each event's prev_hash is the hash of the event before it in id
 * order, the first one's is genesis), every hash recomputed with the application's own eventHash
 * (audit-chain.ts) over windows of the chain (its start, the seed's link to the region, the middle,
 * its end), the head naming the last event, and every foreign key of the tables loaded.
 * REGION_VERIFY=full also runs AuditService.verify(), the application's whole-chain verification.
 */
import type pg from 'pg';
import { DataSource } from 'typeorm';
import { eventHash, GENESIS_HASH } from '../../../server/src/audit/audit-chain.js';
import { AUDIT_COLUMNS, AuditService, type AuditEventView } from '../../../server/src/audit/audit.service.js';
import { Clock } from '../../../server/src/common/clock.js';

const WINDOW = 5_000;

export interface ChainCheck {
  events: number;
  links: number;
  hashesRecomputed: number;
  headId: string;
}

export async function checkChain(client: pg.Client, windows: readonly string[]): Promise<ChainCheck> {
  const { rows: heads } = await client.query<{
    lastId: string;
    lastHash: string;
    maxId: string;
    maxHash: string;
  }>(
    `SELECT h.last_id::text AS "lastId", h.last_hash AS "lastHash", e.id::text AS "maxId", e.hash AS "maxHash"
       FROM audit_chain_head h, LATERAL (SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1) e`,
  );
  const head = heads[0];
  if (!head || head.lastId !== head.maxId || head.lastHash !== head.maxHash) {
    throw new Error(`The chain's head (${head?.lastId}) does not name its last event (${head?.maxId})`);
  }
  const { rows: links } = await client.query<{ events: string; broken: string; first: string | null }>(
    `SELECT count(*)::text AS events, count(*) FILTER (WHERE prev_hash <> expected)::text AS broken,
            min(id) FILTER (WHERE prev_hash <> expected)::text AS first
       FROM (SELECT id, prev_hash, COALESCE(lag(hash) OVER (ORDER BY id), $1) AS expected FROM audit_event) chain`,
    [GENESIS_HASH],
  );
  if (links[0].broken !== '0') throw new Error(`The chain is broken at event ${links[0].first}`);
  let recomputed = 0;
  for (const start of windows) {
    const { rows } = await client.query<AuditEventView>(
      `SELECT ${AUDIT_COLUMNS} FROM audit_event e WHERE e.id >= $1::bigint ORDER BY e.id LIMIT ${WINDOW}`,
      [start],
    );
    for (const row of rows) {
      if (eventHash(row) !== row.hash) throw new Error(`Event ${row.id} does not match its hash`);
      recomputed++;
    }
  }
  return {
    events: Number(links[0].events),
    links: Number(links[0].events),
    hashesRecomputed: recomputed,
    headId: head.lastId,
  };
}

/** Where to recompute hashes: the start, around `boundary` (the seed's last event), the middle, the end. */
export function windowsOf(firstId: number, boundary: number, lastId: number): string[] {
  const middle = Math.floor((firstId + lastId) / 2);
  return [firstId, Math.max(firstId, boundary - 10), middle, Math.max(firstId, lastId - WINDOW + 1)].map(
    String,
  );
}

/** The application's own verification of the whole chain (AuditService.verify). */
export async function verifyWithAuditService(
  databaseUrl: string,
): Promise<{ ok: boolean; count: number; detail?: string }> {
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl });
  await dataSource.initialize();
  try {
    const result = await new AuditService(dataSource, new Clock()).verify();
    return result.ok
      ? { ok: true, count: result.count }
      : { ok: false, count: result.count, detail: result.detail };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Every foreign key of these tables, checked in one anti-join each: the rows were loaded with the
 * per-row foreign-key triggers off (session_replication_role = replica), so this checks what they
 * would have. Answers the constraints checked.
 */
export async function checkForeignKeys(client: pg.Client, tables: readonly string[]): Promise<number> {
  const { rows } = await client.query<{
    name: string;
    child: string;
    parent: string;
    columns: string[];
    refs: string[];
  }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS refs
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  for (const fk of rows) {
    const notNull = fk.columns.map((c) => `x.${c} IS NOT NULL`).join(' AND ');
    const match = fk.columns.map((c, n) => `p.${fk.refs[n]} = x.${c}`).join(' AND ');
    const { rows: bad } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${fk.child} x
        WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} p WHERE ${match})`,
    );
    if (bad[0].n !== '0') throw new Error(`${bad[0].n} rows of ${fk.child} break ${fk.name}`);
  }
  return rows.length;
}

/** Nothing the region wrote happened after the instant it stands at. */
export async function checkReferenceInstant(client: pg.Client, reference: number): Promise<void> {
  const { rows } = await client.query<{ latest: Date | null }>(
    `SELECT greatest((SELECT max(at) FROM audit_event), (SELECT max(updated_at) FROM vmu_order),
                     (SELECT max(created_at) FROM mail_outbox), (SELECT max(sent_at) FROM mail_outbox),
                     (SELECT max(sent_at) FROM scheduler_notice)) AS latest`,
  );
  const latest = rows[0].latest;
  if (latest && latest.getTime() > reference) {
    throw new Error(`The region holds a change at ${latest.toISOString()}, after its reference instant`);
  }
}

const placedOn = (alias: string) => `(${alias}.created_at AT TIME ZONE 'Europe/Stockholm')::date`;

/**
 * The application's rules, each as a query for the rows that break it (none may): statuses match
 * their dates, start dates are not before the day of placing, a grant's end user had an active
 * engagement, the orderer had order and attest rights that day, every line is of the order's unit,
 * Spärr & Logg went only to staff of private providers, nobody holds an assignment twice on a day,
 * and what is approved waits for a start date still to come.
 */
const RULES: Record<string, string> = {
  'statuses match their dates': `SELECT count(*) FROM vmu_order WHERE
      (decided_at IS NOT NULL) <> (status IN ('APPROVED', 'REJECTED', 'COMPLETED'))
      OR (completed_at IS NOT NULL) <> (status = 'COMPLETED') OR (feedback IS NOT NULL) <> (status = 'COMPLETED')
      OR (reject_comment IS NOT NULL) <> (status = 'REJECTED') OR completed_at < decided_at OR decided_at < created_at`,
  'lines match their order': `SELECT count(*) FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id WHERE NOT (
      (o.status = 'AWAITING_ATTEST' AND i.status = 'PENDING') OR (o.status = 'APPROVED' AND i.status IN ('PENDING', 'REMOVED'))
      OR (o.status = 'COMPLETED' AND i.status IN ('DONE', 'REMOVED')) OR (o.status = 'REJECTED' AND i.status = 'REJECTED')
      OR (o.status = 'CANCELLED' AND i.status = 'REMOVED')) OR i.end_user_id <> o.end_user_id OR i.type <> o.type`,
  'approved orders wait for their start date': `SELECT count(*) FROM vmu_order
      WHERE status = 'APPROVED' AND start_date <= $1::date`,
  'start dates not before placing': `SELECT count(*) FROM vmu_order o WHERE o.start_date < ${placedOn('o')}`,
  "lines of the order's unit": `SELECT count(*) FROM vmu_order_item i JOIN vmu_order o ON o.id = i.order_id
      JOIN assignment a ON a.id = i.assignment_id WHERE a.care_unit_id <> o.care_unit_id`,
  'grants need an active engagement': `SELECT count(*) FROM vmu_order o WHERE o.type = 'GRANT' AND NOT EXISTS (
      SELECT 1 FROM engagement e WHERE e.person_id = o.end_user_id AND e.valid_from <= ${placedOn('o')}
         AND (e.valid_to IS NULL OR e.valid_to >= ${placedOn('o')}))`,
  'Spärr & Logg only at private providers': `SELECT count(*) FROM vmu_order_item i JOIN assignment a ON a.id = i.assignment_id
      WHERE a.private_provider_only AND i.type = 'GRANT' AND NOT EXISTS (
        SELECT 1 FROM engagement e JOIN care_unit cu ON cu.id = e.care_unit_id JOIN administration ad ON ad.id = cu.administration_id
          JOIN care_provider cp ON cp.id = ad.care_provider_id WHERE e.person_id = i.end_user_id AND cp.kind = 'PRIVATE')`,
  'orderers with order and attest rights': `SELECT count(*) FROM vmu_order o JOIN care_unit cu ON cu.id = o.care_unit_id
      WHERE cu.head_of_unit_id <> o.orderer_id AND NOT EXISTS (
        SELECT 1 FROM delegation d WHERE d.care_unit_id = o.care_unit_id AND d.delegate_id = o.orderer_id AND d.may_order
           AND d.may_attest AND d.valid_from <= ${placedOn('o')} AND (d.valid_to IS NULL OR d.valid_to >= ${placedOn('o')})
           AND (d.revoked_at IS NULL OR d.revoked_at > o.created_at))`,
  'one holding per person and assignment a day': `SELECT count(*) FROM held_assignment a JOIN held_assignment b
      ON a.person_id = b.person_id AND a.assignment_id = b.assignment_id AND a.id < b.id
     WHERE daterange(a.valid_from, a.valid_to, '[]') && daterange(b.valid_from, b.valid_to, '[]')`,
};

export async function checkRules(client: pg.Client, referenceDay: string): Promise<number> {
  for (const [rule, sql] of Object.entries(RULES)) {
    const { rows } = await client.query<{ count: string }>(sql, sql.includes('$1') ? [referenceDay] : []);
    if (rows[0].count !== '0') throw new Error(`${rows[0].count} rows break the rule: ${rule}`);
  }
  return Object.keys(RULES).length;
}
