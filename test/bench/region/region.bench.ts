/**
 * A region on demand (issue 11): builds, or reuses, a benchmark database the size of a region on
 * top of the demo seed: 60,000 more persons with engagements, 1,500 care units with catalogues and
 * heads, delegations, a million orders with their lines in every status (mass-order batches among
 * them, a queue of a few hundred for sarbe3, thousands ordered by eriho2), the holdings they made,
 * the scheduler's notices, a year of outbox and over three million audit events that verify.
 * Deterministic: the same rows, ids and hashes on every run, as the region stands on 2026-12-04.
 *
 *   npm run bench:region                             embedded PostgreSQL in .bench/region-pg (kept)
 *   DATABASE_URL=postgres://…/beh_region npm run bench:region
 *                                                    that database (created if missing; empty,
 *                                                    migrated or demo-seeded)
 *   REGION_REBUILD=1 …                               drop and build the database again
 *   REGION_VERIFY=full …                             also run AuditService.verify() on the whole chain
 *
 * A database that already holds this version's region only gets its pending migrations.
 * Everything is written in one transaction, so a failed build leaves the database as it was.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { entities } from '../../../server/src/entities.js';
import { seedDemo } from '../../../server/src/seed/demo-seed.js';
import { appendAuditChain, moveChainHead } from './audit.js';
import { Load } from './copy.js';
import { dropIndexes, restoreIndexes } from './indexes.js';
import { buildDirectory, REGION_PERSONS } from './directory.js';
import { buildTimeline } from './events.js';
import { MAIL_DAYS, writeMails } from './mails.js';
import { toRegion } from './model.js';
import { simulateOrders } from './orders.js';
import {
  databaseName,
  dropDatabase,
  ensureDatabase,
  GENERATOR_VERSION,
  openRegionServer,
  readMarker,
  type RegionMarker,
  runPendingMigrations,
  writeMarker,
} from './region-database.js';
import { statusCounts, writeDirectory, writeOrders } from './tables.js';
import { dateOf, REFERENCE_DAY, REFERENCE_TIME } from './time.js';
import {
  checkChain,
  checkForeignKeys,
  checkReferenceInstant,
  checkRules,
  verifyWithAuditService,
  windowsOf,
} from './verify.js';

/** The tables the region writes (foreign keys checked after the load). */
const LOADED = [
  'care_provider',
  'administration',
  'person',
  'care_unit',
  'assignment',
  'engagement',
  'delegation',
  'delegation_assignment',
  'mass_order_batch',
  'vmu_order',
  'vmu_order_item',
  'held_assignment',
  'scheduler_notice',
  'audit_event',
  'mail_outbox',
];
/** The tables whose row counts the report gives. */
const COUNTED = [...LOADED, 'signing_certificate'];

const t0 = performance.now();
let phaseStart = t0;
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
const log = (line: string) => console.log(`[${seconds(t0).padStart(6)} s] ${line}`);
const phase = (name: string) => {
  log(`${name} (${seconds(phaseStart)} s)`);
  phaseStart = performance.now();
};

async function exactCounts(client: pg.Client): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
    counts[table] = Number(rows[0].n);
  }
  const { rows } = await client.query<{ status: string; n: string }>(
    `SELECT status, count(*)::text AS n FROM vmu_order GROUP BY status ORDER BY status`,
  );
  for (const row of rows) counts[`vmu_order.${row.status}`] = Number(row.n);
  const personas = await client.query<{ queue: string; ordered: string }>(
    `SELECT (SELECT count(*) FROM vmu_order o JOIN person p ON p.id = o.attestant_id
              WHERE p.user_id = 'sarbe3' AND o.status = 'AWAITING_ATTEST')::text AS queue,
            (SELECT count(*) FROM vmu_order o JOIN person p ON p.id = o.orderer_id WHERE p.user_id = 'eriho2')::text AS ordered`,
  );
  counts['sarbe3 queue'] = Number(personas.rows[0].queue);
  counts['ordered by eriho2'] = Number(personas.rows[0].ordered);
  return counts;
}

function printCounts(counts: Record<string, number>): void {
  const width = Math.max(...Object.keys(counts).map((k) => k.length));
  for (const [table, n] of Object.entries(counts))
    console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('sv-SE')}`);
}

/** Whether the database holds nothing but (at most) the demo seed. */
async function onlyDemo(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ orders: string; persons: string }>(
    `SELECT (SELECT count(*) FROM vmu_order)::text AS orders, (SELECT count(*) FROM person)::text AS persons`,
  );
  return rows[0].orders === '0' && Number(rows[0].persons) < 1_000;
}

/** Tables with a trigger of their own on INSERT: loaded with triggers on. */
async function tablesWithInsertTriggers(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT DISTINCT tgrelid::regclass::text AS name FROM pg_trigger
      WHERE NOT tgisinternal AND (tgtype & 4) <> 0 AND tgrelid::regclass::text = ANY($1)`,
    [LOADED],
  );
  return new Set(rows.map((r) => r.name));
}

async function reuse(client: pg.Client, marker: RegionMarker): Promise<void> {
  log(
    `the database holds the region of generator version ${marker.version}, built ${marker.builtAt} in ${marker.buildSeconds} s`,
  );
  const { rows } = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_stat_user_tables
      WHERE relname = ANY($1) AND last_vacuum IS NULL AND last_autovacuum IS NULL AND n_live_tup > 100000`,
    [LOADED],
  );
  for (const { name } of rows) {
    log(`VACUUM ANALYZE ${name} (not vacuumed since the build)`);
    await client.query(`VACUUM (ANALYZE) ${name}`);
  }
  const check = await checkChain(client, []);
  log(`audit chain: ${check.events.toLocaleString('sv-SE')} events linked, head at ${check.headId}`);
}

async function build(client: pg.Client, databaseUrl: string): Promise<RegionMarker> {
  // The region is built on the demo seed: its personas order and attest at Solgläntan.
  const { rows: persons } = await client.query<{ count: string }>(
    'SELECT count(*)::text AS count FROM person',
  );
  if (persons[0].count === '0') {
    const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, entities });
    await dataSource.initialize();
    try {
      await seedDemo(dataSource);
    } finally {
      await dataSource.destroy();
    }
    phase('demo seed');
  }
  const { rows: demo } = await client.query<{
    userId: string;
    id: string;
    firstName: string;
    lastName: string;
    email: string | null;
    personnummer: string | null;
  }>(
    `SELECT user_id AS "userId", id, first_name AS "firstName", last_name AS "lastName", email, personnummer FROM person`,
  );
  const dir = buildDirectory({
    userIds: new Set(demo.map((p) => p.userId)),
    personnummer: new Set(demo.flatMap((p) => (p.personnummer ? [p.personnummer] : []))),
    personas: new Map(demo.map((p) => [p.userId, p])),
  });
  phase(
    `directory: ${REGION_PERSONS.toLocaleString('sv-SE')} persons, ${dir.units.length - 1} units, ${dir.engagements.length} engagements, ${dir.delegations.length} delegations`,
  );
  const history = simulateOrders(dir);
  phase(
    `orders simulated: ${history.orders.count.toLocaleString('sv-SE')} orders, ${history.lines.count.toLocaleString('sv-SE')} lines`,
  );
  const region = toRegion(dir, history);
  const timeline = buildTimeline(region);
  phase(
    `timeline: ${timeline.count.toLocaleString('sv-SE')} happenings, ${timeline.audited.toLocaleString('sv-SE')} audited`,
  );

  await client.query('BEGIN');
  // Per-row foreign-key triggers off for the load (checked in bulk below); tables with triggers
  // of their own (e.g. the rights version's) are loaded with every trigger on.
  let replica = true;
  await client.query('SAVEPOINT replica');
  try {
    await client.query('SET LOCAL session_replication_role = origin');
  } catch {
    replica = false;
    await client.query('ROLLBACK TO SAVEPOINT replica');
    log('session_replication_role is for superusers: loading with foreign-key triggers on');
  }
  const triggered = await tablesWithInsertTriggers(client);
  if (triggered.size > 0) log(`loaded with their triggers on: ${[...triggered].join(', ')}`);
  const load = new Load(client, replica, triggered);
  const indexes = await dropIndexes(client, LOADED);
  log(`${indexes.deferred.length} indexes and unique constraints dropped, to be made again after the load`);
  const { rows: seedHead } = await client.query<{ lastId: string | null }>(
    'SELECT last_id::text AS "lastId" FROM audit_chain_head WHERE id = 1',
  );

  const counts: Record<string, number> = {};
  Object.assign(counts, await writeDirectory(load, region));
  phase('directory written');
  Object.assign(counts, await writeOrders(load, region, (what) => log(`  ${what}`)));
  await client.query(`SELECT setval('order_number_seq', $1::bigint)`, [
    Number(region.orderNumber[region.placed[region.placed.length - 1]].slice(3)),
  ]);
  phase('orders, lines, holdings, batches and notices written');
  const chain = await appendAuditChain(load, region, timeline, (n) =>
    log(`  audit events ${n.toLocaleString('sv-SE')}`),
  );
  counts.audit_event = chain.count;
  phase(
    `audit chain: ${chain.count.toLocaleString('sv-SE')} events appended (${chain.firstId}–${chain.lastId})`,
  );
  counts.mail_outbox = await writeMails(load, region, timeline);
  await load.triggersOn();
  phase(`outbox: ${counts.mail_outbox.toLocaleString('sv-SE')} mails of the last ${MAIL_DAYS} days`);
  const restored = await restoreIndexes(client, indexes, LOADED, (table, s) =>
    log(`  indexes of ${table} (${s.toFixed(1)} s)`),
  );
  phase(`${restored} indexes and constraints made again, the same as before`);
  await moveChainHead(client, chain);
  if (replica) {
    const checked = await checkForeignKeys(client, LOADED);
    phase(`foreign keys: ${checked} constraints checked`);
  }
  const marker = {
    builtAt: new Date().toISOString(),
    reference: new Date(REFERENCE_TIME).toISOString(),
    buildSeconds: Math.round((performance.now() - t0) / 1000),
    counts: { ...counts, ...statusCounts(region) },
  };
  await writeMarker(client, marker);
  await client.query('COMMIT');
  phase('committed');
  await client.query('VACUUM (ANALYZE)');
  phase('VACUUM ANALYZE');
  await checkReferenceInstant(client, REFERENCE_TIME);
  const rules = await checkRules(client, dateOf(REFERENCE_DAY));
  phase(`rules: ${rules} kept by every row, nothing after the reference instant`);
  const check = await checkChain(client, windowsOf(1, Number(seedHead[0].lastId ?? 0), Number(chain.lastId)));
  phase(
    `audit chain verified: ${check.links.toLocaleString('sv-SE')} links, ${check.hashesRecomputed.toLocaleString('sv-SE')} hashes recomputed with eventHash, head ${check.headId}`,
  );
  return { generator: 'beh-region', version: GENERATOR_VERSION, ...marker };
}

async function main(): Promise<void> {
  const server = await openRegionServer(log);
  let client: pg.Client | undefined;
  try {
    const { databaseUrl } = server;
    log(`database ${databaseName(databaseUrl)}`);
    if (process.env.REGION_REBUILD === '1') {
      await dropDatabase(server.adminUrl, databaseName(databaseUrl));
      await ensureDatabase(server.adminUrl, databaseName(databaseUrl));
      log('dropped and created again (REGION_REBUILD=1)');
    }
    const ran = await runPendingMigrations(databaseUrl);
    phase(ran.length > 0 ? `migrations run: ${ran.join(', ')}` : 'migrations: none pending');
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '512MB'`);
    const marker = await readMarker(client);
    if (marker && marker.version === GENERATOR_VERSION) {
      await reuse(client, marker);
    } else {
      if (marker || !(await onlyDemo(client))) {
        const what = marker ? `the region of generator version ${marker.version}` : 'other data';
        if (!server.embedded) {
          throw new Error(
            `${databaseName(databaseUrl)} holds ${what}: give an empty database, or REGION_REBUILD=1 to drop and build it again`,
          );
        }
        log(`the embedded database holds ${what}: building it again`);
        await client.end();
        await dropDatabase(server.adminUrl, databaseName(databaseUrl));
        await ensureDatabase(server.adminUrl, databaseName(databaseUrl));
        await runPendingMigrations(databaseUrl);
        client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        await client.query(`SET synchronous_commit = off`);
        await client.query(`SET maintenance_work_mem = '512MB'`);
      }
      await build(client, databaseUrl);
    }
    if (process.env.REGION_VERIFY === 'full') {
      const started = performance.now();
      const result = await verifyWithAuditService(databaseUrl);
      if (!result.ok) throw new Error(`AuditService.verify: ${result.detail}`);
      log(
        `AuditService.verify(): ${result.count.toLocaleString('sv-SE')} events intact in ${seconds(started)} s`,
      );
    }
    const counts = await exactCounts(client);
    log(`region ready in ${seconds(t0)} s: ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}`);
    printCounts(counts);
  } finally {
    await client?.end().catch(() => undefined);
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
