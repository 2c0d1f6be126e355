import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { type AddressInfo, createServer, type Server, Socket } from 'node:net';
import pg from 'pg';
import request from 'supertest';
import {
  type DataSource,
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { createApp } from '../../server/src/app.factory.js';
import { databaseUnavailable } from '../../server/src/common/problem.filter.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { createDatabaseFromTemplate, dropDatabase } from '../support/db-utils.js';
import { type Client, signIn } from '../support/sign-in.js';
import type { TestApp } from '../support/test-app.js';

const CLOSE_LAG_MS = 300;

/**
 * A TCP proxy between the application and PostgreSQL: `down()` is an outage as the application
 * sees it (every connection cut, new ones refused), `up()` the database back on the same port.
 */
class DatabaseLink {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      // The application learns of PostgreSQL's close a little after its last message, as over a
      // real network: whatever it does in between must not depend on the close having arrived.
      upstream.on('close', () => setTimeout(() => client.destroy(), CLOSE_LAG_MS));
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const STATEMENT_TIMEOUT_MS = 1_500;

/**
 * A database that is gone, or slow, is not the user's fault and not a bug: a signed-in request
 * gets a Swedish 503 problem (with Retry-After), readiness says so while liveness does not, and
 * the server stays up and serves again as soon as the database answers.
 */
describe('database outage and slow database', () => {
  let app: INestApplication;
  let http: TestApp['http'];
  let db: DataSource;
  let link: DatabaseLink;
  let admin: pg.Client;
  let name: string;
  let serverUrl: string;
  let user: Client;

  beforeAll(async () => {
    serverUrl = process.env.BEH_TEST_SERVER_URL as string;
    name = `beh_test_${randomBytes(6).toString('hex')}`;
    const direct = new URL(await createDatabaseFromTemplate(serverUrl, name));
    link = new DatabaseLink({ host: direct.hostname, port: Number(direct.port || 5432) });
    await link.up();
    const proxied = new URL(direct);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(link.port);
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      UI_DIR: '',
      SEED_ON_EMPTY: 'false',
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    });
    app = await createApp(config, proxied.toString());
    await app.init();
    http = app.getHttpServer();
    db = app.get<DataSource>(getDataSourceToken());
    admin = new pg.Client({ connectionString: direct.toString() });
    await admin.connect();
    user = await signIn({ http } as TestApp, 'admin1');
  }, 300_000);

  afterAll(async () => {
    await link?.up();
    await admin?.end();
    await app?.close();
    await link?.down();
    if (name) await dropDatabase(serverUrl, name);
  });

  const expectUnavailable = (res: { status: number; headers: Record<string, string>; body: unknown }) => {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({
      type: 'urn:beh:problem:database-unavailable',
      title: 'Tjänsten är inte tillgänglig',
      status: 503,
      detail: 'Databasen går inte att nå just nu. Försök igen om en stund.',
    });
  };

  it('answers a signed-in request with a Swedish 503 while PostgreSQL is unreachable, and serves again after', async () => {
    await user.get('/api/me').expect(200);
    await link.down();
    try {
      expectUnavailable(await user.get('/api/me'));
      // A new connection is refused as well as the pooled ones cut: ask twice.
      expectUnavailable(await user.get('/api/persons?range=[0,9]'));
      // As a load balancer asks: without a session cookie.
      const ready = await request(http).get('/api/health/ready').expect(503);
      expect(ready.body).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
      await request(http).get('/api/health/live').expect(200);
    } finally {
      await link.up();
    }
    await user.get('/api/me').expect(200);
    await request(http).get('/api/health/ready').expect(200);
  });

  it("never answers 500 when the application's connections are terminated, and recovers", async () => {
    await user.get('/api/me').expect(200);
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
      [name],
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await user.get('/api/me');
      statuses.push(res.status);
      if (res.status !== 200) expectUnavailable(res);
    }
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.at(-1)).toBe(200);
  });

  it("answers 503, not 500, when the request's own connection is terminated mid-statement (57P01)", async () => {
    await user.get('/api/me').expect(200);
    // The request's statement waits on a lock; its backend is then terminated by an administrator.
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE user_session IN ACCESS EXCLUSIVE MODE');
    let res;
    try {
      const pending = user.get('/api/me').then((r) => r);
      let killed = 0;
      for (let i = 0; i < 50 && killed === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const result = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'`,
          [name],
        );
        killed = result.rowCount ?? 0;
      }
      expect(killed).toBe(1);
      res = await pending;
    } finally {
      await admin.query('ROLLBACK');
    }
    expectUnavailable(res);
    // The process is still up, and the next request gets a fresh connection.
    await user.get('/api/me').expect(200);
  });

  it('never hands a connection PostgreSQL has terminated to the next statement', async () => {
    // TypeORM gives a failed statement's connection back to the pool as if it were healthy; the
    // pool hands out its most recently returned connection first.
    for (let i = 0; i < 3; i++) {
      const runner = db.createQueryRunner();
      const sleeping = runner.query('SELECT pg_sleep(5)').then(
        () => undefined,
        (error: { code?: string }) => error,
      );
      let killed = 0;
      for (let j = 0; j < 50 && killed === 0; j++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const result = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE datname = $1 AND query = 'SELECT pg_sleep(5)' AND state = 'active'`,
          [name],
        );
        killed = result.rowCount ?? 0;
      }
      expect(killed).toBe(1);
      expect(await sleeping).toMatchObject({ code: '57P01' });
      await runner.release();
      await expect(db.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    }
  });

  it('counts terminated and lost connections as the database being unavailable, however they are wrapped', () => {
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });
    const wrapped = (code: string, message: string) =>
      new QueryFailedError('SELECT 1', [], pgError(code, message));
    for (const error of [
      pgError('57P01', 'terminating connection due to administrator command'),
      wrapped('57P01', 'terminating connection due to administrator command'),
      wrapped('57P02', 'terminating connection due to crash of another server process'),
      wrapped('57P03', 'the database system is starting up'),
      wrapped('08006', 'connection failure'),
      pgError('08003', 'connection does not exist'),
      new Error('Connection terminated unexpectedly'),
      new QueryRunnerAlreadyReleasedError(),
      new QueryRunnerProviderAlreadyReleasedError(),
      new Error('the transaction failed', { cause: new QueryRunnerAlreadyReleasedError() }),
    ]) {
      expect([error.message, databaseUnavailable(error)]).toEqual([error.message, 'unreachable']);
    }
    expect(databaseUnavailable(wrapped('57014', 'canceling statement due to statement timeout'))).toBe(
      'timeout',
    );
    // A bad statement or a constraint is the request's or the code's, not an outage.
    expect(databaseUnavailable(wrapped('23505', 'duplicate key value'))).toBeUndefined();
    expect(databaseUnavailable(wrapped('42601', 'syntax error'))).toBeUndefined();
    expect(databaseUnavailable(new Error('something else'))).toBeUndefined();
  });

  it('answers a statement cancelled by DB_STATEMENT_TIMEOUT_MS with a Swedish 503, and the server stays up', async () => {
    // A slow database as a request sees it: its statements wait on a lock held elsewhere.
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE user_session IN ACCESS EXCLUSIVE MODE');
    const started = Date.now();
    let res;
    try {
      res = await user.get('/api/me');
    } finally {
      await admin.query('ROLLBACK');
    }
    const waited = Date.now() - started;
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({
      type: 'urn:beh:problem:database-timeout',
      title: 'Tjänsten är inte tillgänglig',
      status: 503,
      detail: 'Databasen svarade inte i tid. Försök igen om en stund.',
    });
    expect(waited).toBeGreaterThanOrEqual(STATEMENT_TIMEOUT_MS - 100);
    // The limit is PostgreSQL's own, on every connection of the pool.
    const [{ statement_timeout }] = await db.query<{ statement_timeout: string }[]>('SHOW statement_timeout');
    expect(statement_timeout).toBe('1500ms');
    await user.get('/api/me').expect(200);
  });
});
