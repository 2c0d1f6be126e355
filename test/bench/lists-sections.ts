/**
 * The parts of bench:lists that are not lists: audit verify (in the request, and the full run as a
 * background job), the full CSV export of persons, and the carry-out of due orders with the idle
 * scheduler tick after it. A part whose endpoint does not exist yet says "not available: …".
 */
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createApp } from '../../server/src/app.factory.js';
import { Clock } from '../../server/src/common/clock.js';
import type { AppConfig } from '../../server/src/config/app-config.js';
import { databaseName, withDatabase } from '../../server/src/database/database-url.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { call, type Session } from './bench-http.js';
import { bytes, ms, seconds, summarize } from './bench-stats.js';
import type { LoadClient } from './http-load.js';
import { installSqlCapture, sqlTime, startCapture } from './sql-capture.js';

const short = (value: unknown, max = 400) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

function heading(title: string): void {
  console.log('');
  console.log(`== ${title} ==`);
}

/** A finished background run, as far as its answer says: a status word or an end time. */
function finished(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const run = body as Record<string, unknown>;
  const status = String(run.status ?? run.state ?? '').toUpperCase();
  if (
    ['DONE', 'FINISHED', 'COMPLETED', 'OK', 'VERIFIED', 'INTACT', 'BROKEN', 'FAILED', 'ERROR'].includes(
      status,
    )
  )
    return true;
  return ['finishedAt', 'completedAt', 'endedAt', 'doneAt'].some(
    (k) => run[k] !== undefined && run[k] !== null,
  );
}

/** `GET /api/audit-events/verify` (twice: the second starts from what the first verified), then the full run. */
export async function verifySection(base: string, admin: Session): Promise<void> {
  heading('Audit verify');
  for (const attempt of ['first', 'second']) {
    const answer = await call(base, admin, 'GET', '/api/audit-events/verify');
    if (answer.status === 404) {
      console.log('GET /api/audit-events/verify: not available: 404');
      break;
    }
    console.log(
      `GET /api/audit-events/verify (${attempt}): ${answer.status} in ${seconds(answer.ms)} (target ≤ 2 s): ${short(answer.body ?? answer.text)}`,
    );
  }

  const started = await call(base, admin, 'POST', '/api/audit-events/verify-runs', {});
  if (started.status === 404 || started.status === 405) {
    console.log(
      `full verify job (POST /api/audit-events/verify-runs): not available: ${started.status} (the route does not exist in this build)`,
    );
    return;
  }
  if (started.status === 409) {
    console.log(`full verify job: one is running already (409): following it: ${short(started.text)}`);
  } else if (started.status >= 300) {
    console.log(
      `full verify job: POST /api/audit-events/verify-runs answered ${started.status}: ${short(started.text)}`,
    );
    return;
  } else {
    console.log(`full verify job started: ${started.status} in ${ms(started.ms)} ms: ${short(started.body)}`);
  }
  const t0 = performance.now();
  let lastPrint = 0;
  for (;;) {
    const latest = await call(base, admin, 'GET', '/api/audit-events/verify-runs/latest');
    const elapsed = performance.now() - t0;
    if (latest.status >= 300) {
      console.log(
        `GET /api/audit-events/verify-runs/latest answered ${latest.status}: ${short(latest.text)}`,
      );
      return;
    }
    if (finished(latest.body)) {
      const run = latest.body as { startedAt?: string; finishedAt?: string };
      const own =
        run.startedAt && run.finishedAt
          ? ` (its own startedAt → finishedAt: ${seconds(Date.parse(run.finishedAt) - Date.parse(run.startedAt))})`
          : '';
      console.log(
        `full verify job finished after ${seconds(elapsed)}${own} (target ≤ 60 s): ${short(latest.body, 600)}`,
      );
      return;
    }
    if (elapsed - lastPrint >= 10_000) {
      lastPrint = elapsed;
      console.log(`  after ${seconds(elapsed)}: ${short(latest.body)} (poll ${ms(latest.ms)} ms)`);
    }
    if (elapsed > 900_000) {
      console.log(`full verify job: still running after ${seconds(elapsed)}; not waited for any longer`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * `GET /api/persons/export`: the whole directory as CSV, read to its end from the load worker while
 * this process's RSS (the server's) is sampled.
 */
export async function exportSection(
  load: LoadClient,
  base: string,
  admin: Session,
  acceptEncoding: string,
  /** The directory's persons, counted exactly: what a whole export holds. */
  persons?: number,
): Promise<void> {
  heading('CSV export of persons');
  const headers: Record<string, string> = {
    cookie: admin.cookie,
    ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}),
  };
  const rss0 = process.memoryUsage.rss();
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  try {
    const result = await load.run({
      url: `${base}/api/persons/export`,
      headers,
      concurrency: 1,
      maxRequests: 1,
      maxMs: 0,
      minRequests: 1,
      timeoutMs: 300_000,
      countLines: true,
    });
    const first = result.first;
    if (!first) {
      console.log(`GET /api/persons/export: no answer: ${result.errors.join('; ')}`);
      return;
    }
    if (first.status === 404) {
      console.log('GET /api/persons/export: not available: 404 (the route does not exist in this build)');
      return;
    }
    if (first.status >= 300) {
      console.log(`GET /api/persons/export answered ${first.status}: ${short(first.body)}`);
      return;
    }
    const total = persons === undefined ? '' : ` of ${persons} persons in the database`;
    console.log(
      `GET /api/persons/export: ${first.status}, ${bytes(first.bytes)}${first.contentEncoding ? ` (${first.contentEncoding})` : ''}, ` +
        `a header and ${(first.lines ?? 1) - 1} rows${total}, first byte after ${ms(first.ttfbMs)} ms, complete after ${seconds(result.latencies[0] ?? NaN)} ` +
        `(target ≤ 5 s); RSS ${bytes(rss0)} → peak ${bytes(peak)} (+${bytes(peak - rss0)}, target < 50 MB)`,
    );
  } finally {
    clearInterval(sampler);
  }
}

/** Approved orders due today, written straight into the tables of a region (ids fixed by `tag`). */
async function insertDueOrders(client: pg.Client, count: number, today: string, tag: string): Promise<void> {
  await client.query(
    `WITH sizes AS MATERIALIZED (
       SELECT (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM assignment) AS assignments
     ), people AS MATERIALIZED (
       SELECT id, row_number() OVER (ORDER BY id) AS n FROM person
     ), catalogue AS MATERIALIZED (
       SELECT id, row_number() OVER (ORDER BY id) AS n FROM assignment
     ), revokes AS MATERIALIZED (
       SELECT h.person_id, h.assignment_id, 'REVOKE'::varchar AS type, h.id::text AS k FROM held_assignment h
        WHERE h.valid_to IS NULL
          AND NOT EXISTS (SELECT 1 FROM vmu_order_item i WHERE i.end_user_id = h.person_id
                             AND i.assignment_id = h.assignment_id AND i.status = 'PENDING')
        ORDER BY h.id LIMIT $1::int / 10
     ), candidates AS MATERIALIZED (
       -- Only the generated pairs (a few times the count), before any check against the holdings:
       -- left to itself the planner checks the whole person × catalogue product first.
       SELECT DISTINCT ON (p.id, c.id) p.id AS person_id, c.id AS assignment_id, g
         FROM generate_series(1, $1::int * 4) g CROSS JOIN sizes s
         JOIN people p ON p.n = 1 + (g::bigint * 7) % s.persons
         JOIN catalogue c ON c.n = 1 + (g::bigint * 7919) % s.assignments
        ORDER BY p.id, c.id, g
     ), pairs AS MATERIALIZED (
       SELECT x.* FROM candidates x
        WHERE NOT EXISTS (SELECT 1 FROM held_assignment h WHERE h.person_id = x.person_id
                             AND h.assignment_id = x.assignment_id
                             AND (h.valid_to IS NULL OR h.valid_to >= $2::date))
          AND NOT EXISTS (SELECT 1 FROM vmu_order_item i WHERE i.end_user_id = x.person_id
                             AND i.assignment_id = x.assignment_id AND i.status = 'PENDING')
     ), grants AS (
       SELECT person_id, assignment_id, 'GRANT'::varchar AS type, lpad(g::text, 12, '0') AS k FROM pairs
        ORDER BY g LIMIT $1::int - (SELECT count(*) FROM revokes)
     ), line AS (
       SELECT md5('bench-lists-' || $3 || '-' || l.type || l.k)::uuid AS order_id, l.*,
              row_number() OVER (ORDER BY l.type, l.k) AS n
         FROM (SELECT * FROM revokes UNION ALL SELECT * FROM grants) l
     ), orders AS (
       INSERT INTO vmu_order (id, order_number, type, status, end_user_id, orderer_id, attestant_id, care_unit_id,
                              start_date, created_at, updated_at, decided_at)
       SELECT l.order_id, 'BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), l.type, 'APPROVED',
              l.person_id, COALESCE(cu.head_of_unit_id, l.person_id), COALESCE(cu.head_of_unit_id, l.person_id),
              a.care_unit_id, $2::date - (l.n % 7)::int, now(), now(), now()
         FROM line l JOIN assignment a ON a.id = l.assignment_id JOIN care_unit cu ON cu.id = a.care_unit_id
        ORDER BY l.n
       RETURNING id
     )
     INSERT INTO vmu_order_item (order_id, end_user_id, assignment_id, type, status)
     SELECT l.order_id, l.person_id, l.assignment_id, l.type, 'PENDING'
       FROM line l JOIN orders o ON o.id = l.order_id`,
    [count, today, tag],
  );
}

async function dueCount(client: pg.Client, today: string): Promise<number> {
  const { rows } = await client.query<{ due: number }>(
    `SELECT count(*)::int AS due FROM vmu_order WHERE status = 'APPROVED' AND start_date <= $1`,
    [today],
  );
  return rows[0].due;
}

interface Mark {
  auditId: string;
  mails: number;
}

/** Where the audit log and the completion mails stand, to count what a tick wrote. */
async function written(client: pg.Client): Promise<Mark> {
  const { rows } = await client.query<Mark>(
    `SELECT COALESCE((SELECT max(id) FROM audit_event), 0)::text AS "auditId",
            (SELECT count(*)::int FROM mail_outbox WHERE template = 'ORDER_COMPLETED') AS mails`,
  );
  return rows[0];
}

async function writtenSince(client: pg.Client, mark: Mark, today: string): Promise<string> {
  const { rows } = await client.query<{ events: number; mails: number }>(
    `SELECT (SELECT count(*)::int FROM audit_event WHERE id > $1::bigint AND action = 'ORDER_COMPLETED') AS events,
            (SELECT count(*)::int FROM mail_outbox WHERE template = 'ORDER_COMPLETED') - $2::int AS mails`,
    [mark.auditId, mark.mails],
  );
  return `ORDER_COMPLETED audit events +${rows[0].events}, mails +${rows[0].mails}, still due ${await dueCount(client, today)}`;
}

const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

/** `CREATE DATABASE copy TEMPLATE source`, waiting a while for the source's other sessions to leave. */
async function copyDatabase(admin: pg.Client, source: string, copy: string): Promise<void> {
  const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
  await admin.query(`DROP DATABASE IF EXISTS ${ident(copy)} WITH (FORCE)`);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      // FILE_COPY: copies the files as they are (no WAL for every page), the fast way for gigabytes.
      await admin.query(`CREATE DATABASE ${ident(copy)} TEMPLATE ${ident(source)} STRATEGY FILE_COPY`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '55006' || Date.now() > deadline) throw error;
      await sleep(2000);
    }
  }
}

interface ChildReport {
  pid: number;
  ms: number;
  carriedOut: number;
  failed: number;
}

/** One more process with the application on `url`: ready when booted, runs one tick when told. */
function startChild(url: string): { ready: Promise<void>; tick(): Promise<ChildReport>; stop(): void } {
  const child = fork(new URL('./lists-carry.child.js', import.meta.url), [url], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let onReport: ((r: ChildReport) => void) | undefined;
  let onError: ((e: Error) => void) | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { kind: string; report?: ChildReport; error?: string }) => {
      if (m.kind === 'ready') resolve();
      if (m.kind === 'report' && m.report) onReport?.(m.report);
      if (m.kind === 'error') {
        const error = new Error(m.error);
        reject(error);
        onError?.(error);
      }
    });
    child.on('exit', (code) => {
      const error = new Error(`carry-out child exited with ${code}`);
      reject(error);
      onError?.(error);
    });
  });
  return {
    ready,
    tick: () =>
      new Promise<ChildReport>((resolve, reject) => {
        onReport = resolve;
        onError = reject;
        child.send({ kind: 'tick' });
      }),
    stop: () => {
      child.send({ kind: 'stop' });
    },
  };
}

/**
 * Carrying out in a copy of the database, so the region itself stays as it was and reruns compare:
 * `CREATE DATABASE <name>_carry TEMPLATE <name>` (it needs the region to have no other sessions),
 * BENCH_CARRY_ORDERS approved orders due today inserted there, one tick with one process, then as
 * many again with two processes at once, then idle ticks; the copy is dropped at the end.
 */
export async function carryOutSection(url: string, config: AppConfig): Promise<void> {
  heading('Carrying out due orders, and the idle scheduler tick (in a copy of the database)');
  const count = Number(process.env.BENCH_CARRY_ORDERS ?? 10_000);
  const source = databaseName(url);
  const copy = `${source}_carry`;
  const copyUrl = withDatabase(url, copy);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  let app: INestApplication | undefined;
  const client = new pg.Client({ connectionString: copyUrl });
  let connected = false;
  try {
    const t0 = performance.now();
    try {
      await copyDatabase(admin, source, copy);
    } catch (error) {
      const { rows } = await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [source],
      );
      console.log(
        `not available: the copy ${copy} could not be made (${error instanceof Error ? error.message : String(error)}); ` +
          `${rows[0].n} other session(s) use ${source}: the copy needs it idle`,
      );
      return;
    }
    console.log(`copy ${copy} made in ${seconds(performance.now() - t0)}`);
    await client.connect();
    connected = true;
    app = await createApp(config, copyUrl);
    await app.init();
    const dataSource = app.get<DataSource>(getDataSourceToken());
    installSqlCapture(dataSource);
    const scheduler = app.get(SchedulerService);
    const today = app.get(Clock).today();

    // A warm-up tick first: the generated region's scheduler never ran, so its first tick sends
    // every reminder and notice that history made due (seconds of work a running region did long
    // ago, a minute at a time) and carries out what was due already. The measured tick then does
    // what a region's tick does on a busy start date: carry out the due orders.
    const tw = performance.now();
    const warm = await scheduler.runTick();
    console.log(
      `warm-up tick (the generated region's first ever): ${seconds(performance.now() - tw)}, ` +
        `${warm.carriedOut} carried out that were due already; ` +
        JSON.stringify({ ...warm, failed: warm.failed.length }),
    );
    const before = await dueCount(client, today);
    const t1 = performance.now();
    await insertDueOrders(client, count, today, 'one');
    await client.query('ANALYZE vmu_order, vmu_order_item, held_assignment');
    const due = await dueCount(client, today);
    console.log(
      `${due - before} due orders inserted in ${seconds(performance.now() - t1)} (${before} were due already)`,
    );

    const mark = await written(client);
    const cpu0 = process.cpuUsage();
    const t2 = performance.now();
    const one = await scheduler.runTick();
    const oneMs = performance.now() - t2;
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `one process: ${one.carriedOut} carried out, ${one.failed.length} failed, in ${seconds(oneMs)} ` +
        `(${((one.carriedOut / oneMs) * 1000).toFixed(0)} orders/s; target: 10,000 in ≤ 10 s, ≥ 1,000/s); ` +
        `process CPU ${seconds((cpu.user + cpu.system) / 1000)}; ${await writtenSince(client, mark, today)}`,
    );

    await insertDueOrders(client, count, today, 'two');
    await client.query('ANALYZE vmu_order, vmu_order_item, held_assignment');
    const due2 = await dueCount(client, today);
    const children = [startChild(copyUrl), startChild(copyUrl)];
    try {
      await Promise.all(children.map((c) => c.ready));
      const mark2 = await written(client);
      const t3 = performance.now();
      const reports = await Promise.all(children.map((c) => c.tick()));
      const twoMs = performance.now() - t3;
      const carried = reports.reduce((n, r) => n + r.carriedOut, 0);
      console.log(
        `two processes: ${carried} of ${due2} carried out (${reports.map((r) => r.carriedOut).join(' + ')}), ` +
          `${reports.reduce((n, r) => n + r.failed, 0)} failed, in ${seconds(twoMs)} ` +
          `(${((carried / twoMs) * 1000).toFixed(0)} orders/s); ${await writtenSince(client, mark2, today)}`,
      );
    } catch (error) {
      console.log(`two processes: not measured: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      for (const c of children) c.stop();
    }

    // Idle ticks: the first after carrying out may still send reminders and notices once.
    const ticks: { ms: number; sqlMs: number; statements: number; report: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const capture = startCapture();
      const t = performance.now();
      const report = await scheduler.runTick();
      const tickMs = performance.now() - t;
      const queries = capture.stop();
      ticks.push({
        ms: tickMs,
        sqlMs: sqlTime(queries),
        statements: queries.length,
        report: JSON.stringify(report),
      });
    }
    ticks.forEach((t, i) =>
      console.log(
        `tick ${i + 1} after carrying out: ${ms(t.ms)} ms, ${t.statements} statements, ${ms(t.sqlMs)} ms in the database; ` +
          `${t.report}${i === 0 ? ' (the first may still send reminders and notices that were due, once)' : ''}`,
      ),
    );
    const idle = summarize(ticks.slice(1).map((t) => t.sqlMs));
    console.log(`idle scheduler tick: median ${ms(idle.p50)} ms of database time per tick (target ≤ 50 ms)`);
  } finally {
    await app?.close();
    if (connected) await client.end();
    const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await admin.query(`DROP DATABASE IF EXISTS ${ident(copy)} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}
