import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { insertDueOrders } from '../bench/due-orders.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ORDERS = 3000;
/** Small batches, so that there are many (150) and both processes surely take part. */
const BATCH = 20;
const ROOT = process.cwd();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A compiled server process of its own, its log kept for the ticks it reports. */
interface ServerProcess {
  child: ChildProcess;
  port: number;
  log: string;
}

async function until(what: string, deadline: number, check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Exactly once with two server processes (design.md, Scheduler): two real servers, built from
 * this tree and started as separate Node processes on one database, each ticking every second;
 * 3,000 orders become due at the same moment. Each order must be carried out once, none missed:
 * one holding per granted line, one ORDER_COMPLETED mail and one audit event per order; and in
 * batches: at most CARRY_OUT_BATCH orders per transaction, each batch's events one run of the
 * chain (one append, one lock of its head).
 */
describe('scheduler: two server processes, each order carried out exactly once', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let dist: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    dist = path.join(ROOT, '.data', `test-dist-${randomBytes(4).toString('hex')}`);
    // Type checking is lint's job; emitting alone is what the processes need, and faster.
    const build = promisify(execFile)(
      process.execPath,
      [
        'node_modules/typescript/bin/tsc',
        '-p',
        'tsconfig.build.json',
        '--outDir',
        dist,
        '--noCheck',
        '--sourceMap',
        'false',
      ],
      { cwd: ROOT },
    );
    [t] = await Promise.all([createTestApp(), build]);
    sink = new SmtpSink();
    await sink.start();
    const databaseUrl = (t.dataSource.options as { url: string }).url;
    for (let n = 0; n < 2; n++) {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(dist, 'server/src/main.js')], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          NO_COLOR: '1',
          LOG_LEVEL: 'info',
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          SEED_ON_EMPTY: 'false',
          UI_DIR: '',
          // Written to the outbox is what is counted; delivering 1,000 mails is the mail module's.
          SMTP_URL: sink.url,
          MAIL_POLL_SECONDS: '0',
          SCHEDULER_ENABLED: 'true',
          SCHEDULER_INTERVAL_SECONDS: '1',
          CARRY_OUT_BATCH: String(BATCH),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const server: ServerProcess = { child, port, log: '' };
      const keep = (chunk: Buffer) => {
        server.log += chunk.toString();
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      servers.push(server);
    }
    // Both listening before anything is due, so that both take part from the first tick.
    const deadline = Date.now() + 60_000;
    for (const s of servers) {
      await until(`server on port ${s.port}\n${s.log}`, deadline, async () => {
        if (s.child.exitCode !== null) throw new Error(`Server exited: ${s.log}`);
        return fetch(`http://127.0.0.1:${s.port}/api/health`).then(
          (res) => res.status === 200,
          () => false,
        );
      });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            if (s.child.exitCode !== null) return resolve();
            s.child.once('exit', () => resolve());
            s.child.kill('SIGTERM');
          }),
      ),
    );
    await sink?.stop();
    await t?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it('carries out 3,000 orders due at once exactly once, in batches, with one mail and one audit event each', async () => {
    const today = t.app.get(Clock).today();
    // The chain already holds the demo seed's events (its delegation grants): count from there.
    const { count: eventsBefore } = await t.app.get(AuditService).verify();
    await t.dataSource.transaction((m) => insertDueOrders(m, ORDERS, today));
    const count = async (sql: string) => (await t.dataSource.query<{ n: number }[]>(sql))[0].n;

    const deadline = Date.now() + 90_000;
    await until(
      'every order to be COMPLETED',
      deadline,
      async () => (await count(`SELECT count(*)::int AS n FROM vmu_order WHERE status = 'APPROVED'`)) === 0,
    );
    expect(await count(`SELECT count(*)::int AS n FROM vmu_order WHERE status = 'COMPLETED'`)).toBe(ORDERS);
    expect(await count(`SELECT count(*)::int AS n FROM vmu_order_item WHERE status <> 'DONE'`)).toBe(0);

    // One holding per granted line, from its date; each revoked holding ended the day before.
    const [grants] = await t.dataSource.query<{ lines: number; holdings: number; exact: number }[]>(
      `SELECT count(DISTINCT i.id)::int AS lines, count(h.id)::int AS holdings,
              count(h.id) FILTER (WHERE h.valid_from = o.start_date AND h.valid_to IS NULL)::int AS exact
         FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id
         LEFT JOIN held_assignment h ON h.person_id = i.end_user_id AND h.assignment_id = i.assignment_id
        WHERE o.type = 'GRANT'`,
    );
    expect(grants.holdings).toBe(grants.lines);
    expect(grants.exact).toBe(grants.lines);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id
           JOIN held_assignment h ON h.person_id = i.end_user_id AND h.assignment_id = i.assignment_id
          WHERE o.type = 'REVOKE' AND (h.valid_to IS NULL OR h.valid_to <> o.start_date - 1)`,
      ),
    ).toBe(0);

    // One mail and one audit event per order, none twice.
    const perOrder = (table: string, where: string, column: string) =>
      count(`SELECT count(*)::int AS n FROM (SELECT ${column} FROM ${table} WHERE ${where}
              GROUP BY ${column} HAVING count(*) = 1) x`);
    expect(await perOrder('mail_outbox', `template = 'ORDER_COMPLETED'`, 'related_id')).toBe(ORDERS);
    expect(await count(`SELECT count(*)::int AS n FROM mail_outbox WHERE template = 'ORDER_COMPLETED'`)).toBe(
      ORDERS,
    );
    expect(await perOrder('audit_event', `action = 'ORDER_COMPLETED'`, 'entity_id')).toBe(ORDERS);
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'ORDER_COMPLETED'`)).toBe(
      ORDERS,
    );
    expect(await t.app.get(AuditService).verify()).toEqual({ ok: true, count: eventsBefore + ORDERS });

    // Both processes took part: the sums of what their ticks report make the whole.
    // The servers log JSON lines (pino): each tick's report is the text of its line's msg.
    const reports = servers.map((s) =>
      s.log
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => /^Tick: (\{.*\})$/.exec(String((JSON.parse(line) as { msg?: unknown }).msg))?.[1])
        .filter((report): report is string => report !== undefined)
        .map(
          (report) => JSON.parse(report) as { carriedOut: number; carryOutBatches: number; failed: string[] },
        ),
    );
    const carriedOutBy = reports.map((ticks) => ticks.reduce((n, r) => n + r.carriedOut, 0));
    expect(carriedOutBy.reduce((a, b) => a + b, 0)).toBe(ORDERS);
    expect(carriedOutBy.every((n) => n > 0)).toBe(true);
    expect(reports.flat().flatMap((r) => r.failed)).toEqual([]);

    // In batches: the orders one transaction completed share its id as their rows' xmin. No
    // transaction carried out more than a batch, together they are the batches the ticks report,
    // and there are as few as the batch size allows (each took a full batch while enough were due).
    const batches = await t.dataSource.query<
      { orders: number; first: string; last: string; events: number }[]
    >(
      `SELECT count(*)::int AS orders, min(e.id)::text AS first, max(e.id)::text AS last,
              count(e.id)::int AS events
         FROM vmu_order o JOIN audit_event e ON e.entity_id = o.id::text AND e.action = 'ORDER_COMPLETED'
        WHERE o.status = 'COMPLETED' GROUP BY o.xmin::text`,
    );
    const reportedBatches = reports.flat().reduce((n, r) => n + r.carryOutBatches, 0);
    expect(batches).toHaveLength(reportedBatches);
    expect(Math.max(...batches.map((b) => b.orders))).toBe(BATCH);
    expect(batches.length).toBeLessThan((ORDERS / BATCH) * 1.2);
    // Each batch's events are one unbroken run of the chain: appended at once, under one lock.
    for (const b of batches) {
      expect(b.events).toBe(b.orders);
      expect(Number(b.last) - Number(b.first) + 1).toBe(b.orders);
    }
  }, 120_000);
});
