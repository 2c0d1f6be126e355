/**
 * The database time of the scheduler's idle tick, measured on any database without changing it:
 * everything runs in one transaction that is rolled back at the end. The tick's own jobs run as
 * they do in the server, on that transaction (each of their transactions a savepoint of it), and
 * every statement they send is timed at the node-postgres client (so the sum is the database's
 * time plus a loopback round trip each: an upper bound).
 *
 * First a warm-up tick (it establishes the watermarks, and may send what is due, inside the
 * transaction), then the idle ticks that are measured; then, for comparison, the notice jobs with
 * their watermarks removed, which is how every tick read before the watermarks (all history).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DataSource, type EntityManager, type QueryRunner } from 'typeorm';
import { SchedulerWatermarks1765000200000 } from '../../migrations/1765000200000-SchedulerWatermarks.js';
import { AuditService } from '../../server/src/audit/audit.service.js';
// For its setting of how node-postgres reads dates (as the application reads them: YYYY-MM-DD).
import '../../server/src/database/database.module.js';
import { Clock } from '../../server/src/common/clock.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { PostgresHoldings } from '../../server/src/directory/holdings.postgres.js';
import { entities } from '../../server/src/entities.js';
import { MailService } from '../../server/src/mail/mail.service.js';
import { CarryOutService } from '../../server/src/orders/carry-out.service.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
import { AttestRemindersJob } from '../../server/src/scheduler/attest-reminders.job.js';
import { DelegationExpiryJob } from '../../server/src/scheduler/delegation-expiry.job.js';
import { DueOrdersJob } from '../../server/src/scheduler/due-orders.job.js';
import { GrantEndingsJob } from '../../server/src/scheduler/grant-endings.job.js';
import { BENCH_LIMITS } from './bench-limits.js';

interface Statement {
  sql: string;
  ms: number;
}

interface TimedClient {
  query: (...args: unknown[]) => unknown;
}

/**
 * What the jobs take as their DataSource: its query() and transaction(), both on the one rolled-back
 * transaction (a job's transaction becomes a savepoint; the jobs' parallel lanes take turns).
 */
class OneTransaction {
  private turn: Promise<unknown> = Promise.resolve();

  constructor(private readonly runner: QueryRunner) {}

  query<T>(sql: string, params?: unknown[]): Promise<T> {
    return this.runner.query(sql, params) as Promise<T>;
  }

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const run = this.turn.then(() => this.runner.manager.transaction(work));
    this.turn = run.catch(() => undefined);
    return run;
  }
}

export interface IdleTickFigures {
  /** The warm-up tick: what it did and its statements. */
  warmUp: { ms: number; statements: number; did: Record<string, number> };
  /** Each measured idle tick: database time (sum of its statements) and statements. */
  idle: { ms: number; statements: Statement[] }[];
  /**
   * The CPU time the database's backend process spent on the idle ticks, per tick (from
   * /proc/<pid>/stat: what waiting for a core on a busy machine does not inflate); null when the
   * database runs elsewhere.
   */
  idleCpuMs: number | null;
  /** The notice jobs reading all history, as every tick did before the watermarks. */
  withoutWatermarks: { ms: number; statements: Statement[] };
}

/** User and system CPU of a process of this machine, in ms; null when it cannot be read. */
function backendCpuMs(pid: number): number | null {
  try {
    // Fields after the command's closing parenthesis: state is the 3rd, utime the 14th, stime the 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // /proc counts in USER_HZ, 100 a second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Measures the idle tick on the database at `url`; changes nothing there (all rolled back). */
export async function measureIdleTick(url: string, idleTicks = 10): Promise<IdleTickFigures> {
  const db = new DataSource({ type: 'postgres', url, entities, extra: { max: 1 } });
  await db.initialize();
  const runner = db.createQueryRunner();
  try {
    const client = (await runner.connect()) as TimedClient;
    let log: Statement[] = [];
    const plain = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      const first = args[0] as string | { text: string };
      const sql = typeof first === 'string' ? first : first.text;
      const t0 = performance.now();
      const done = plain(...args) as Promise<unknown>;
      const record = () => log.push({ sql: sql.replace(/\s+/g, ' ').trim(), ms: performance.now() - t0 });
      done.then(record, record);
      return done;
    };
    await runner.startTransaction();
    try {
      const [{ present }] = (await runner.query(
        `SELECT to_regclass('scheduler_watermark') IS NOT NULL AS present`,
      )) as { present: boolean }[];
      // A database built before the watermarks: give it them, inside the transaction only.
      if (!present) await new SchedulerWatermarks1765000200000().up(runner);

      const config = loadConfig({ ...BENCH_LIMITS, NODE_ENV: 'test', LOG_LEVEL: 'error', UI_DIR: '' });
      const clock = new Clock();
      const jobsDb = new OneTransaction(runner) as unknown as DataSource;
      const mail = new MailService(config, clock);
      const carryOut = new CarryOutService(
        new OrderStateMachine(new AuditService(jobsDb, clock), clock),
        mail,
        new PostgresHoldings(clock),
        clock,
      );
      const dueOrders = new DueOrdersJob(jobsDb, config, carryOut, clock);
      const grantEndings = new GrantEndingsJob(jobsDb, mail, clock);
      const reminders = new AttestRemindersJob(jobsDb, config, mail, clock);
      const delegations = new DelegationExpiryJob(jobsDb, config, mail, clock);
      const notices = async () => ({
        grantEndings: await grantEndings.run(),
        reminders: await reminders.remind(),
        escalations: await reminders.escalate(),
        delegationNotices: await delegations.run(),
      });
      const tick = async () => ({ carriedOut: (await dueOrders.run()).carriedOut, ...(await notices()) });
      const timed = async <T>(work: () => Promise<T>) => {
        log = [];
        const result = await work();
        const statements = log.filter((s) => !/^(SAVEPOINT|RELEASE SAVEPOINT)/.test(s.sql));
        return { result, statements, ms: statements.reduce((n, s) => n + s.ms, 0) };
      };

      const warm = await timed(tick);
      const [{ pid }] = (await runner.query(`SELECT pg_backend_pid() AS pid`)) as { pid: number }[];
      const cpu0 = backendCpuMs(pid);
      const idle = [];
      for (let n = 0; n < idleTicks; n++) {
        const { statements, ms } = await timed(tick);
        idle.push({ ms, statements });
      }
      const cpu1 = backendCpuMs(pid);
      const idleCpuMs = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / idleTicks;
      await runner.query(`DELETE FROM scheduler_watermark`);
      const before = await timed(notices);
      return {
        warmUp: { ms: warm.ms, statements: warm.statements.length, did: warm.result },
        idle,
        idleCpuMs,
        withoutWatermarks: { ms: before.ms, statements: before.statements },
      };
    } finally {
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
    await db.destroy();
  }
}

/** Prints the figures: the idle ticks' database time, their statements, and the old full read. */
export function printIdleTick(label: string, f: IdleTickFigures): void {
  const short = (sql: string) => (sql.length > 110 ? `${sql.slice(0, 107)}…` : sql);
  console.log(`\nIdle scheduler tick on ${label} (in a transaction rolled back afterwards)`);
  console.log(
    `  warm-up tick: ${f.warmUp.ms.toFixed(1)} ms of database time in ${f.warmUp.statements} statements, ` +
      `did ${JSON.stringify(f.warmUp.did)}`,
  );
  const sorted = [...f.idle].sort((a, b) => a.ms - b.ms);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `  idle tick, ${f.idle.length} of them: median ${median.ms.toFixed(1)} ms of database time ` +
      `(min ${sorted[0].ms.toFixed(1)}, max ${sorted[sorted.length - 1].ms.toFixed(1)}) ` +
      `in ${median.statements.length} statements (target ≤ 50 ms); the median tick's statements:`,
  );
  for (const s of [...median.statements].sort((a, b) => b.ms - a.ms)) {
    console.log(`    ${s.ms.toFixed(2).padStart(8)} ms  ${short(s.sql)}`);
  }
  if (f.idleCpuMs !== null) {
    console.log(
      `  the database backend's CPU per idle tick: ${f.idleCpuMs.toFixed(1)} ms ` +
        `(over ${f.idle.length} ticks; waiting for a core on a busy machine is not in it)`,
    );
  }
  console.log(
    `  the notice jobs reading all history (every tick before the watermarks): ${f.withoutWatermarks.ms.toFixed(1)} ms`,
  );
  for (const s of [...f.withoutWatermarks.statements].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    console.log(`    ${s.ms.toFixed(2).padStart(8)} ms  ${short(s.sql)}`);
  }
}
