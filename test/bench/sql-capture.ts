/**
 * What SQL the application runs for one request, captured in-process, and that SQL replayed
 * straight through `pg`: the benchmarks' measure of how much of an answer's time is the database.
 *
 * Every TypeORM query passes PostgresQueryRunner.query; its prototype is wrapped once so that,
 * while a capture is open, each statement is recorded with its parameters, its query runner (its
 * connection: a transaction's statements stay on one), its start and end, and whether it ran
 * under the auth guard (the per-request cost of session and rights, told apart by the async stack)
 * rather than under the route's own handler.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { PreparedStatement } from '../../server/src/common/prepared.js';

export interface CapturedQuery {
  sql: string;
  /** A prepared statement's name (server/src/common/prepared.ts): replayed prepared as well. */
  name?: string;
  params: unknown[] | undefined;
  /** Which query runner (so which pooled connection) ran it. */
  runner: number;
  start: number;
  end: number;
  /** Run by the auth guard (session, rights) before the handler. */
  auth: boolean;
  failed: boolean;
}

interface Runner {
  query(sql: string | PreparedStatement, params?: unknown[], structured?: boolean): Promise<unknown>;
}

const PATCHED = Symbol.for('beh.bench.sqlCapture');
const AUTH_FRAME = /AuthGuard\.canActivate|auth\.guard\.[jt]s/;

let open: CapturedQuery[] | undefined;
const runnerIds = new WeakMap<object, number>();
let nextRunner = 1;

/** Wraps the query runner class of `dataSource` (once per process; every data source shares it). */
export function installSqlCapture(dataSource: DataSource): void {
  const runner = dataSource.createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as Runner & { [PATCHED]?: true };
  void (runner as unknown as { release(): Promise<void> }).release();
  if (proto[PATCHED]) return;
  const original = proto.query;
  proto.query = async function (
    this: object,
    sql: string | PreparedStatement,
    params?: unknown[],
    structured?: boolean,
  ) {
    const log = open;
    if (!log) return original.call(this, sql, params, structured);
    let runnerId = runnerIds.get(this);
    if (runnerId === undefined) runnerIds.set(this, (runnerId = nextRunner++));
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 60;
    const stack = new Error().stack ?? '';
    Error.stackTraceLimit = limit;
    const entry: CapturedQuery = {
      sql: typeof sql === 'string' ? sql : sql.text,
      name: typeof sql === 'string' ? undefined : sql.name,
      params: params ? [...params] : undefined,
      runner: runnerId,
      start: performance.now(),
      end: 0,
      auth: AUTH_FRAME.test(stack),
      failed: false,
    };
    log.push(entry);
    try {
      return await original.call(this, sql, params, structured);
    } catch (error) {
      entry.failed = true;
      throw error;
    } finally {
      entry.end = performance.now();
    }
  };
  proto[PATCHED] = true;
}

/** Records every statement run until `stop` is called (one capture at a time). */
export function startCapture(): { stop(): CapturedQuery[] } {
  const log: CapturedQuery[] = [];
  open = log;
  return {
    stop() {
      if (open === log) open = undefined;
      return log;
    },
  };
}

/** Milliseconds spent inside `pg` (as the application sees it) by the captured statements. */
export function sqlTime(queries: readonly CapturedQuery[]): number {
  return queries.reduce((sum, q) => sum + (q.end - q.start), 0);
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|TRUNCATE|SELECT\s+(setval|nextval))/i;
const TRANSACTION = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i;

/**
 * The captured statements as the application ran them: statements that overlapped in time ran in
 * parallel (on their own connections) and are replayed in parallel; the rest one after another.
 * Statements that write are replayed inside a transaction that is rolled back, so a replay changes
 * nothing; the application's own transaction statements are left out then.
 */
export class Replay {
  private readonly waves: CapturedQuery[][] = [];
  readonly writes: boolean;

  constructor(queries: readonly CapturedQuery[]) {
    this.writes = queries.some((q) => WRITE.test(q.sql));
    const kept = queries.filter((q) => !q.failed && !(this.writes && TRANSACTION.test(q.sql)));
    let waveEnd = -Infinity;
    for (const q of [...kept].sort((a, b) => a.start - b.start)) {
      const wave = this.waves[this.waves.length - 1];
      if (wave && q.start < waveEnd) {
        wave.push(q);
        waveEnd = Math.max(waveEnd, q.end);
      } else {
        this.waves.push([q]);
        waveEnd = q.end;
      }
    }
  }

  get statements(): number {
    return this.waves.reduce((n, w) => n + w.length, 0);
  }

  /** One replay, timed in milliseconds: each runner's statements on one connection of `pool`. */
  async once(pool: pg.Pool): Promise<number> {
    const clients = new Map<number, pg.PoolClient>();
    const clientOf = async (runner: number) => {
      let client = clients.get(runner);
      if (!client) {
        client = await pool.connect();
        clients.set(runner, client);
        if (this.writes) await client.query('BEGIN');
      }
      return client;
    };
    // Connections are taken before the clock starts: the application's pool is warm too.
    for (const wave of this.waves) for (const q of wave) await clientOf(q.runner);
    try {
      const t0 = performance.now();
      for (const wave of this.waves) {
        await Promise.all(
          wave.map(async (q) =>
            (await clientOf(q.runner)).query(q.name ? { name: q.name, text: q.sql } : q.sql, q.params),
          ),
        );
      }
      return performance.now() - t0;
    } finally {
      for (const client of clients.values()) {
        if (this.writes) await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    }
  }
}
