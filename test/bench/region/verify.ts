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
