/**
 * List benchmark (issue 11): every list and detail endpoint the admin UI calls, on a region's worth
 * of data, through the real application started in this process, signed in as the personas who
 * call them. For each: p50/p95/p99 at concurrency 1, requests/s at concurrency 20, and the SQL the
 * application ran for it replayed straight through `pg` in the same run, with the API/SQL ratio.
 * Then: audit verify (in the request, and the full run as a background job), the CSV export of
 * every person, the carry-out of 10,000 due orders (one process and two) and the idle scheduler tick.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/beh_region npm run bench:lists
 *       the region database itself (npm run bench:region builds it); it is read, never changed,
 *       except for the session rows of the sign-ins and whatever the application's own migrations
 *       add at start. The carry-out runs in a copy (CREATE DATABASE … TEMPLATE), dropped afterwards.
 *   npm run bench:lists          the local embedded region of npm run bench:region (.bench/region-pg)
 *   BENCH_DEMO=1 npm run bench:lists     a throwaway demo-seeded database (a quick check of the bench)
 *
 * Tuning: BENCH_ONLY=<regex on the endpoint label>, BENCH_SECTIONS=lists,verify,export,carry
 * (default all), BENCH_C1_REQUESTS (200), BENCH_C1_SECONDS (5), BENCH_C20_SECONDS (3),
 * BENCH_SQL_SECONDS (3), BENCH_CARRY_ORDERS (10000), BENCH_ACCEPT_ENCODING (as a browser:
 * "gzip, deflate, br"; empty for none), BENCH_COMMIT (the commit to print when run outside a checkout),
 * BENCH_WORKERS (2; 0 for none): the endpoints with a throughput target are also loaded at
 * concurrency 20 against the portal as production runs it on this machine, `node dist/server/src/main.js`
 * with WEB_CONCURRENCY=BENCH_WORKERS worker processes, and that figure is the one held to the target.
 *
 * Targets (issue 11): p95 ≤ 25 ms, API/SQL p50 ≤ 2, person lookup and attest queue ≥ 1,000
 * requests/s at concurrency 20. Rows over a target are flagged. Last, the floor of the ratio: the
 * three cheapest endpoints' statements answered by a bare node:http server and nothing else.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { type AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { createApp } from '../../server/src/app.factory.js';
import { type AppConfig, loadConfig } from '../../server/src/config/app-config.js';
import { databaseName } from '../../server/src/database/database-url.js';
import { type RunningCluster, startCluster } from './bench-cluster.js';
import { BENCH_LIMITS, benchLimitsText } from './bench-limits.js';
import { type Session, signIn } from './bench-http.js';
import { ms, summarize, type Summary, table } from './bench-stats.js';
import { openBenchDatabase } from './bench-database.js';
import { LoadClient, type LoadResult } from './http-load.js';
import { type Endpoint, endpoints, findFixtures, PERSONAS, type Persona } from './lists-endpoints.js';
import { carryOutSection, exportSection, verifySection } from './lists-sections.js';
import { installSqlCapture, Replay, startCapture } from './sql-capture.js';

const env = process.env;
const num = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
const C1_REQUESTS = num('BENCH_C1_REQUESTS', 200);
const C1_MS = num('BENCH_C1_SECONDS', 5) * 1000;
const C20_MS = num('BENCH_C20_SECONDS', 3) * 1000;
const SQL_MS = num('BENCH_SQL_SECONDS', 3) * 1000;
const ACCEPT_ENCODING = env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br';
const WORKERS = num('BENCH_WORKERS', 2);
const ONLY = env.BENCH_ONLY ? new RegExp(env.BENCH_ONLY, 'i') : undefined;
const SECTIONS = new Set((env.BENCH_SECTIONS ?? 'lists,verify,export,carry').split(',').map((s) => s.trim()));
/** At concurrency 20 an endpoint this slow would only pile up work for minutes: not run. */
const C20_SKIP_ABOVE_MS = 250;
const REQUEST_TIMEOUT_MS = 180_000;

const TARGET_P95 = 25;
const TARGET_RATIO = 2;
const TARGET_RPS = 1000;

export interface BenchDb {
  /** The database measured. */
  url: string;
  /** What it is, for the header. */
  label: string;
  close(): Promise<void>;
}

/** Which database: DATABASE_URL as is, the local region of bench:region, or a throwaway demo one. */
async function openDatabase(): Promise<BenchDb> {
  if (env.BENCH_DEMO === '1') {
    const bench = await openBenchDatabase(`beh_bench_lists_${process.pid}`);
    return { url: bench.databaseUrl, label: 'throwaway demo-seeded database', close: bench.close };
  }
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, label: 'DATABASE_URL', close: async () => {} };
  // The embedded region of npm run bench:region (its data folder is kept between runs), opened as
  // that benchmark opens it. Imported by name at run time, so that this file builds without it.
  let region: RegionModule | undefined;
  try {
    region = (await import(REGION_MODULE)) as RegionModule;
  } catch {
    region = undefined;
  }
  if (!region) {
    throw new Error(
      'Set DATABASE_URL to the region database (e.g. postgres://postgres@127.0.0.1:5432/beh_region, ' +
        'built by npm run bench:region), or BENCH_DEMO=1 for a quick run on a demo-seeded database.',
    );
  }
  const server = await region.openRegionServer();
  return {
    url: server.databaseUrl,
    label: 'the embedded region of npm run bench:region',
    close: server.close,
  };
}

const REGION_MODULE = './region/region-database.js';

interface RegionModule {
  openRegionServer(log?: (line: string) => void): Promise<{ databaseUrl: string; close(): Promise<void> }>;
}

export function benchConfig(): AppConfig {
  return loadConfig({
    ...BENCH_LIMITS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    UI_DIR: '',
    SEED_ON_EMPTY: 'false',
    SCHEDULER_ENABLED: 'false',
    // A long run must not see its sessions expire half-way.
    SESSION_IDLE_MINUTES: '600',
    SESSION_ABSOLUTE_HOURS: '24',
  });
}

function gitCommit(): string {
  // A copy of an older tree (git archive) is no checkout: its commit is told by the caller.
  if (env.BENCH_COMMIT) return `${env.BENCH_COMMIT} (as BENCH_COMMIT says)`;
  try {
    const head = execFileSync('git', ['log', '-1', '--format=%h %cI %s'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean).length;
    return `${head}${dirty ? ` (+${dirty} uncommitted changed files in the tree)` : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function describeDatabase(pool: pg.Pool, url: string): Promise<string[]> {
  const count = async (sql: string) => {
    const { rows } = await pool.query<{ n: string }>(sql);
    return Number(rows[0].n).toLocaleString('en-US');
  };
  const exact = (table: string) => count(`SELECT count(*) AS n FROM ${table}`);
  // The planner's row count for the big tables (an exact count of millions takes seconds); exact
  // when the table has never been analysed.
  const estimate = (table: string) =>
    count(
      `SELECT CASE WHEN reltuples < 0 THEN (SELECT count(*) FROM ${table}) ELSE reltuples::bigint END AS n
         FROM pg_class WHERE relname = '${table}'`,
    );
  const { rows: size } = await pool.query<{ size: string }>(
    'SELECT pg_size_pretty(pg_database_size(current_database())) AS size',
  );
  const { rows: done } = await pool.query<{ name: string }>('SELECT name FROM migrations ORDER BY id');
  const ran = new Set(done.map((m) => m.name));
  const pending = migrations.map((m) => m.name).filter((name) => !ran.has(name));
  return [
    `database: ${databaseName(url)} (${size[0].size}) on ${new URL(url).host}`,
    `rows: persons ${await exact('person')}, care units ${await exact('care_unit')}, assignments ${await exact('assignment')}, ` +
      `engagements ${await estimate('engagement')}, holdings ${await estimate('held_assignment')}, ` +
      `delegations ${await exact('delegation')}, orders ${await estimate('vmu_order')}, ` +
      `order lines ${await estimate('vmu_order_item')}, audit events ${await estimate('audit_event')}, ` +
      `mails ${await estimate('mail_outbox')} (the last six as the planner counts them)`,
    `migrations: ${done.length} recorded, last ${done[done.length - 1]?.name ?? '–'}; ` +
      `${pending.length ? `pending in this code (run at start): ${pending.join(', ')}` : 'none pending in this code'}`,
  ];
}

export interface RowResult {
  endpoint: Endpoint;
  status: string;
  c1?: Summary;
  rps?: number;
  rpsNote?: string;
  /** Requests/s at concurrency 20 against the WEB_CONCURRENCY cluster (throughput-targeted rows). */
  rpsCluster?: number;
  sql?: Summary;
  sqlNote?: string;
  statements: string;
  total: string;
  note?: string;
  flags: string[];
  /** The first answer's size in bytes, as sent. */
  bytes?: number;
  /** The request's statements, to replay (and for the floor below). */
  replay?: Replay;
}

function statusText(results: LoadResult[]): string {
  const counts: Record<string, number> = {};
  for (const r of results)
    for (const [code, n] of Object.entries(r.statuses)) counts[code] = (counts[code] ?? 0) + n;
  const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  if (sorted.length === 0) return '–';
  return [sorted[0][0], ...sorted.slice(1).map(([code, n]) => `${code}×${n}`)].join(' ');
}

/** Content-Range's total, marked as the list says it is: ≈ an estimate, > more than (the limit). */
function totalText(contentRange: string | undefined, kind: string | undefined): string {
  const total = contentRange?.split('/')[1];
  if (total === undefined) return '';
  if (kind === 'estimate') return `≈${total}`;
  if (kind === 'at-least') return `>${Number(total) - 1}`;
  return total;
}

/** A browser's request of `endpoint` as its persona: session cookie, JSON, compression, range. */
function requestHeaders(sessions: Record<Persona, Session>, endpoint: Endpoint): Record<string, string> {
  return {
    cookie: sessions[endpoint.as].cookie,
    accept: 'application/json',
    ...(ACCEPT_ENCODING ? { 'accept-encoding': ACCEPT_ENCODING } : {}),
    ...(endpoint.range ? { range: endpoint.range } : {}),
  };
}

async function measure(
  load: LoadClient,
  replayPool: pg.Pool,
  base: string,
  sessions: Record<Persona, Session>,
  endpoint: Endpoint,
  cluster: RunningCluster | undefined,
): Promise<RowResult> {
  const job = {
    url: `${base}${endpoint.path}`,
    headers: requestHeaders(sessions, endpoint),
    timeoutMs: REQUEST_TIMEOUT_MS,
  };
  // Warm-up: a second's worth, at most 20 requests. When that was one request (a slow endpoint),
  // its SQL is the one recorded; else one more request is made with its SQL recorded.
  const warmCapture = startCapture();
  const warm = await load.run({ ...job, concurrency: 1, maxRequests: 20, maxMs: 1000, minRequests: 1 });
  const warmQueries = warmCapture.stop();
  let captured: LoadResult = { latencies: [], statuses: {}, elapsedMs: 0, errors: [] };
  let queries = warmQueries;
  if (Object.values(warm.statuses).reduce((a, b) => a + b, 0) > 1) {
    const capture = startCapture();
    captured = await load.run({ ...job, concurrency: 1, maxRequests: 1, maxMs: 0, minRequests: 1 });
    queries = capture.stop();
  }
  const c1 = await load.run({
    ...job,
    concurrency: 1,
    maxRequests: C1_REQUESTS,
    maxMs: C1_MS,
    minRequests: 3,
  });
  const first = captured.first ?? warm.first;
  const result: RowResult = {
    endpoint,
    status: statusText([warm, captured, c1]),
    c1: summarize(c1.latencies),
    statements: `${queries.filter((q) => !q.auth).length}+${queries.filter((q) => q.auth).length}`,
    total: totalText(first?.contentRange, first?.totalKind),
    bytes: first?.bytes,
    flags: [],
  };
  if (first && first.status >= 400)
    result.note = `${first.status}: ${first.body.replace(/\s+/g, ' ').slice(0, 300)}`;
  const errors = [...warm.errors, ...captured.errors, ...c1.errors];
  if (errors.length) result.note = `${result.note ? `${result.note}; ` : ''}errors: ${errors.join('; ')}`;

  if (result.c1 && result.c1.p50 <= C20_SKIP_ABOVE_MS) {
    const c20 = await load.run({ ...job, concurrency: 20, maxRequests: 1e9, maxMs: C20_MS, minRequests: 20 });
    result.rps = (c20.latencies.length / c20.elapsedMs) * 1000;
    const bad = Object.entries(c20.statuses).filter(
      ([code]) => !code.startsWith('2') && code !== first?.status.toString(),
    );
    if (bad.length) result.rpsNote = bad.map(([code, n]) => `${code}×${n}`).join(' ');
    if (cluster && endpoint.throughputTarget) {
      const onCluster = { ...job, url: `${cluster.base}${endpoint.path}` };
      // A short warm-up first: each worker process compiles its own code paths.
      await load.run({ ...onCluster, concurrency: 20, maxRequests: 1e9, maxMs: 1000, minRequests: 20 });
      const c20w = await load.run({
        ...onCluster,
        concurrency: 20,
        maxRequests: 1e9,
        maxMs: C20_MS,
        minRequests: 20,
      });
      result.rpsCluster = (c20w.latencies.length / c20w.elapsedMs) * 1000;
      const badW = Object.entries(c20w.statuses).filter(([code]) => !code.startsWith('2'));
      if (badW.length)
        result.rpsNote = `${result.rpsNote ? `${result.rpsNote}; ` : ''}cluster: ${badW
          .map(([code, n]) => `${code}×${n}`)
          .join(' ')}`;
    }
  } else {
    result.rpsNote = `not run: p50 > ${C20_SKIP_ABOVE_MS} ms`;
  }

  // Every statement the request ran, in its order: the guard's (the session) and the route's own.
  if (queries.length > 0) {
    const replay = new Replay(queries);
    result.replay = replay;
    try {
      // Warmed up like the API was, unless one replay takes long anyway.
      if (!result.c1 || result.c1.p50 < 500) await replay.once(replayPool);
      const samples: number[] = [];
      const t0 = performance.now();
      while (samples.length < 3 || (samples.length < C1_REQUESTS && performance.now() - t0 < SQL_MS)) {
        samples.push(await replay.once(replayPool));
      }
      result.sql = summarize(samples);
      if (replay.writes) result.sqlNote = 'writes replayed in a rolled-back transaction';
    } catch (error) {
      result.sqlNote = `replay failed: ${error instanceof Error ? error.message : String(error)}`;
    }
  } else {
    result.sqlNote = 'no SQL';
  }

  const ok = result.status.startsWith('2');
  if (ok && result.c1 && result.c1.p95 > TARGET_P95) result.flags.push('p95');
  if (ok && result.c1 && result.sql && result.c1.p50 / result.sql.p50 > TARGET_RATIO)
    result.flags.push('ratio');
  if (ok && endpoint.throughputTarget && (result.rpsCluster ?? result.rps ?? 0) < TARGET_RPS)
    result.flags.push('req/s');
  return result;
}

/**
 * The floor of the API/SQL ratio: a bare `node:http` server in this process whose every answer is
 * only the replay of `row`'s statements (Replay.once on the same pool) and its first answer's size
 * of JSON. No framework, session, rights, headers or logging: what any Node server of this
 * endpoint's SQL must at least cost, measured with the same load generator.
 */
async function floorOf(load: LoadClient, replayPool: pg.Pool, row: RowResult): Promise<string> {
  const replay = row.replay;
  if (!replay || !row.sql) return '';
  const body = JSON.stringify({ filler: 'x'.repeat(Math.max(0, (row.bytes ?? 2) - 14)) });
  const server = http.createServer((_req, res) => {
    replay.once(replayPool).then(
      () => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      },
      () => {
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const job = { url, headers: {}, timeoutMs: REQUEST_TIMEOUT_MS, concurrency: 1, minRequests: 3 };
    await load.run({ ...job, maxRequests: 20, maxMs: 1000 });
    const bare = summarize(
      (await load.run({ ...job, maxRequests: C1_REQUESTS * 5, maxMs: C1_MS })).latencies,
    );
    if (!bare) return '';
    return (
      `${row.endpoint.label} (${row.endpoint.as}): SQL p50 ${ms(row.sql.p50)} ms; a bare node:http server that only ` +
      `replays it p50 ${ms(bare.p50)} ms, ratio ${(bare.p50 / row.sql.p50).toFixed(1)}; BEH p50 ${ms(row.c1?.p50)} ms`
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

function printTable(rows: RowResult[]): void {
  const lines = table<RowResult & { n: number }>(
    [
      { title: '#', value: (r) => String(r.n), right: true },
      { title: 'endpoint', value: (r) => r.endpoint.label },
      { title: 'as', value: (r) => r.endpoint.as },
      { title: 'status', value: (r) => r.status },
      { title: 'n', value: (r) => String(r.c1?.n ?? ''), right: true },
      { title: 'p50', value: (r) => ms(r.c1?.p50), right: true },
      { title: 'p95', value: (r) => ms(r.c1?.p95), right: true },
      { title: 'p99', value: (r) => ms(r.c1?.p99), right: true },
      { title: 'req/s@20', value: (r) => (r.rps === undefined ? '–' : r.rps.toFixed(0)), right: true },
      {
        title: `×${WORKERS}`,
        value: (r) => (r.rpsCluster === undefined ? '' : r.rpsCluster.toFixed(0)),
        right: true,
      },
      { title: 'SQL p50', value: (r) => ms(r.sql?.p50), right: true },
      {
        title: 'ratio',
        value: (r) => (r.c1 && r.sql ? (r.c1.p50 / r.sql.p50).toFixed(1) : '–'),
        right: true,
      },
      { title: 'API−SQL', value: (r) => (r.c1 && r.sql ? ms(r.c1.p50 - r.sql.p50) : '–'), right: true },
      { title: 'stmts', value: (r) => r.statements, right: true },
      { title: 'total', value: (r) => r.total, right: true },
      { title: 'over target', value: (r) => (r.flags.length ? `!! ${r.flags.join(' ')}` : '') },
    ],
    rows.map((r, i) => ({ ...r, n: i + 1 })),
  );
  for (const line of lines) console.log(line);
  console.log('');
  console.log(
    'n: requests at concurrency 1 (after a warm-up); p50/p95/p99 in ms; req/s@20: answers per second with 20 in flight;',
  );
  if (WORKERS > 0)
    console.log(
      `×${WORKERS}: the same against node dist/server/src/main.js with WEB_CONCURRENCY=${WORKERS} (throughput-targeted rows);`,
    );
  console.log(
    "SQL p50: every statement the request ran (captured in-process: the guard's session query and the route's own), " +
      'replayed in order through pg in ms; ratio: API p50 / SQL p50; API−SQL: API p50 − SQL p50 in ms, what the ' +
      'request costs outside the database (HTTP, framework, session, writing out);',
  );
  console.log(
    "stmts: the route's own statements + the auth guard's (session, rights); total: Content-Range's total " +
      '(≈ an estimate, > more than, as X-Total-Kind says).',
  );
  console.log('');
  console.log('Requests (and notes):');
  rows.forEach((r, i) => {
    const notes = [r.note, r.rpsNote && `req/s@20: ${r.rpsNote}`, r.sqlNote && `SQL: ${r.sqlNote}`].filter(
      Boolean,
    );
    console.log(`#${i + 1} ${r.endpoint.as} GET ${decodeURIComponent(r.endpoint.path)}`);
    for (const note of notes) console.log(`     ${note}`);
  });
  const outside = rows
    .filter((r) => r.status.startsWith('2') && r.c1 && r.sql)
    .map((r) => ({ r, ms: (r.c1?.p50 ?? 0) - (r.sql?.p50 ?? 0) }))
    .sort((a, b) => b.ms - a.ms);
  if (outside.length > 0) {
    const median = outside[Math.floor(outside.length / 2)].ms;
    console.log('');
    console.log(
      `API p50 − SQL p50: median ${ms(median)} ms, largest ${ms(outside[0].ms)} ms (${outside[0].r.endpoint.label}); ` +
        `the ratio of an endpoint whose SQL takes less than that is over 2 whatever its SQL does.`,
    );
  }
  const over = rows.filter((r) => r.flags.length);
  console.log('');
  console.log(
    `Over target: ${over.length} of ${rows.length} rows ` +
      `(p95 > ${TARGET_P95} ms: ${rows.filter((r) => r.flags.includes('p95')).length}, ` +
      `ratio > ${TARGET_RATIO}: ${rows.filter((r) => r.flags.includes('ratio')).length}, ` +
      `req/s < ${TARGET_RPS} where targeted: ${rows.filter((r) => r.flags.includes('req/s')).length})`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const db = await openDatabase();
  let app: INestApplication | undefined;
  let cluster: RunningCluster | undefined;
  const load = new LoadClient();
  const pool = new pg.Pool({ connectionString: db.url, max: 10 });
  try {
    console.log(`bench:lists — ${new Date().toISOString()}`);
    console.log(`commit: ${gitCommit()}`);
    console.log(
      `machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, node ${process.version}, ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
    console.log(benchLimitsText());
    console.log(`database (${db.label}):`);

    const config = benchConfig();
    const t0 = performance.now();
    app = await createApp(config, db.url);
    await app.listen(0, '127.0.0.1');
    const startMs = performance.now() - t0;
    for (const line of await describeDatabase(pool, db.url)) console.log(`  ${line}`);
    console.log(`application start (with its migrations): ${(startMs / 1000).toFixed(1)} s`);
    installSqlCapture(app.get<DataSource>(getDataSourceToken()));
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    console.log(
      `requests: HTTP/1.1 keep-alive from a worker thread, accept-encoding "${ACCEPT_ENCODING || 'none'}"; ` +
        `concurrency 1: warm-up, then ${C1_REQUESTS} requests or ${C1_MS / 1000} s; concurrency 20: ${C20_MS / 1000} s`,
    );

    const sessions = {} as Record<Persona, Session>;
    for (const userId of PERSONAS) sessions[userId] = await signIn(base, userId);

    if (SECTIONS.has('lists')) {
      const fixtures = await findFixtures(pool);
      const chosen = endpoints(fixtures).filter((e) => !ONLY || ONLY.test(e.label));
      console.log('');
      console.log(`== Lists and details: ${chosen.length} endpoints ==`);
      const rows: RowResult[] = [];
      cluster =
        WORKERS > 0 && chosen.some((e) => e.throughputTarget)
          ? await startCluster(db.url, WORKERS)
          : undefined;
      if (cluster) {
        console.log(`cluster: ${cluster.workers} worker processes at ${cluster.base}`);
        // A fresh cluster is cold (each worker compiles its code paths, each pooled connection plans
        // its statements): the first throughput row measured 790 req/s where the same endpoint
        // measured later did 1,200. A second of each throughput-targeted endpoint first, as the
        // in-process server is warmed by the rows before.
        const t0 = performance.now();
        for (const endpoint of chosen.filter((e) => e.throughputTarget)) {
          await load.run({
            url: `${cluster.base}${endpoint.path}`,
            headers: requestHeaders(sessions, endpoint),
            timeoutMs: REQUEST_TIMEOUT_MS,
            concurrency: 20,
            maxRequests: 1e9,
            maxMs: 1000,
            minRequests: 20,
          });
        }
        console.log(
          `cluster warmed up on its endpoints in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
        );
      }
      for (const endpoint of chosen) {
        const row = await measure(load, pool, base, sessions, endpoint, cluster);
        rows.push(row);
        // Every row's figures as soon as they are known (on stderr), so a run stopped early still tells them.
        console.error(
          `  ${rows.length}/${chosen.length} ${endpoint.label} (${endpoint.as}): ${row.status} ` +
            `n ${row.c1?.n ?? 0} p50 ${ms(row.c1?.p50)} p95 ${ms(row.c1?.p95)} p99 ${ms(row.c1?.p99)} ms, ` +
            `${row.rps === undefined ? '–' : row.rps.toFixed(0)} req/s@20` +
            `${row.rpsCluster === undefined ? '' : ` (${row.rpsCluster.toFixed(0)} with ${WORKERS} workers)`}, SQL p50 ${ms(row.sql?.p50)} ms, ` +
            `stmts ${row.statements}, total ${row.total || '–'}${row.flags.length ? `, over: ${row.flags.join(' ')}` : ''}`,
        );
      }
      await cluster?.stop();
      cluster = undefined;
      console.log('');
      printTable(rows);
      // The three cheapest statements' endpoints: what no Node server of them can go below.
      const cheapest = rows
        .filter((r) => r.status.startsWith('2') && r.sql && r.replay && !r.replay.writes)
        .sort((a, b) => (a.sql?.p50 ?? 0) - (b.sql?.p50 ?? 0))
        .filter((r, i, all) => all.findIndex((o) => o.endpoint.label === r.endpoint.label) === i)
        .slice(0, 3);
      if (cheapest.length > 0) {
        console.log('');
        console.log(
          'Floor of the ratio (the same statements answered by a bare node:http server, nothing else):',
        );
        for (const row of cheapest) console.log(`  ${await floorOf(load, pool, row)}`);
      }
    }
    if (SECTIONS.has('verify')) await verifySection(base, sessions.admin1);
    if (SECTIONS.has('export')) {
      const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM person');
      await exportSection(load, base, sessions.admin1, ACCEPT_ENCODING, rows[0].n);
    }
    await app.close();
    app = undefined;
    await pool.end();
    if (SECTIONS.has('carry')) await carryOutSection(db.url, benchConfig());
    console.log('');
    console.log(`bench:lists done in ${((performance.now() - started) / 1000 / 60).toFixed(1)} min`);
  } finally {
    await cluster?.stop();
    await app?.close();
    await pool.end().catch(() => undefined);
    await load.close();
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
