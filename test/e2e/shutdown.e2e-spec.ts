import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { createTestApp, type TestApp } from '../support/test-app.js';

const ROOT = process.cwd();
const MAILS = 120;
/** What an orchestrator gives a stopping process before it kills it (Kubernetes: 30 s; here less). */
const GRACE_MS = 10_000;

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

async function until(what: string, deadline: number, check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A real SMTP server that counts what it receives per outbox id (the X-BEH-Outbox-Id header) and
 * answers each message after `delayMs`: a slow mail server, so that SIGTERM lands mid-batch.
 * A message counts as delivered once its data has arrived, as a real server may deliver it then
 * even if the sender never reads the answer.
 */
class CountingSmtp {
  readonly received = new Map<string, number>();
  delayMs = 0;
  port = 0;
  private server: SMTPServer | undefined;

  get total(): number {
    return [...this.received.values()].reduce((a, b) => a + b, 0);
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          const id = /^X-BEH-Outbox-Id:\s*(\S+)/im.exec(data)?.[1] ?? '?';
          this.received.set(id, (this.received.get(id) ?? 0) + 1);
          setTimeout(() => callback(), this.delayMs);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface ServerProcess {
  child: ChildProcess;
  port: number;
  log: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Graceful shutdown of a real server process (compiled from this tree, like the scheduler's
 * two-process test), its logs, and mail across SIGTERM: every mail is delivered exactly once.
 */
describe('a server process: request logs, SIGTERM during a mail batch and during a request', () => {
  let t: TestApp;
  let dist: string;
  let smtp: CountingSmtp;
  let admin: pg.Client;
  const started: ServerProcess[] = [];

  const spawnServer = async (): Promise<ServerProcess> => {
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(dist, 'server/src/main.js')], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        PORT: String(port),
        DATABASE_URL: (t.dataSource.options as { url: string }).url,
        SEED_ON_EMPTY: 'false',
        UI_DIR: '',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        MAIL_POLL_SECONDS: '1',
        SCHEDULER_ENABLED: 'false',
        SHUTDOWN_DRAIN_SECONDS: '2',
        SHUTDOWN_TIMEOUT_SECONDS: '20',
        METRICS_TOKEN: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const server: ServerProcess = { child, port, log: '', exited };
    const keep = (chunk: Buffer) => (server.log += chunk.toString());
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    started.push(server);
    await until(`server on port ${port}`, Date.now() + 90_000, async () => {
      if (child.exitCode !== null) throw new Error(`Server exited: ${server.log}`);
      return fetch(`http://127.0.0.1:${port}/api/health`).then(
        (res) => res.status === 200,
        () => false,
      );
    });
    return server;
  };

  beforeAll(async () => {
    dist = path.join(ROOT, '.data', `test-dist-${randomBytes(4).toString('hex')}`);
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
    smtp = new CountingSmtp();
    await smtp.start();
    admin = new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url });
    await admin.connect();
  }, 300_000);

  afterAll(async () => {
    for (const s of started)
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await admin?.end();
    await smtp?.stop();
    await t?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  it('logs one JSON line per request, delivers every mail exactly once across SIGTERM and finishes the request in flight', async () => {
    await t.dataSource.query(
      `INSERT INTO mail_outbox (to_address, subject, text_body, html_body, template)
       SELECT 'person' || n || '@example.org', 'Prov ' || n, 'text', '<p>html</p>', 'TEST'
         FROM generate_series(1, $1) n`,
      [MAILS],
    );
    const pending = async () =>
      (await t.dataSource.query<{ id: string }[]>(`SELECT id FROM mail_outbox WHERE status = 'PENDING'`)).map(
        (r) => r.id,
      );
    const all = await pending();
    expect(all.length).toBeGreaterThanOrEqual(MAILS);

    smtp.delayMs = 400; // 8 connections at 400 ms a mail: 120 mails take 6 s, longer than any grace period here.
    const a = await spawnServer();
    const base = `http://127.0.0.1:${a.port}`;

    // Signed in through the development sign-in, as the browser does.
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const cookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { token } = (await csrf.json()) as { token: string };
    const login = await fetch(`${base}/api/auth/dev-login`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'admin1' }),
    });
    expect(login.status).toBe(200);
    const session =
      login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ') || cookie;
    const lookup = await fetch(`${base}/api/persons/00000000-0000-4000-8000-000000000000?pnr=191212121212`, {
      headers: { cookie: session, 'x-request-id': 'trace-person-lookup-1' },
    });
    expect([400, 404]).toContain(lookup.status);
    // Metrics need a token; without METRICS_TOKEN there are none.
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/api/health/ready`)).status).toBe(200);

    // SIGTERM while a batch is being sent and while a request waits on the database.
    await until('the first mails', Date.now() + 60_000, async () => smtp.total >= 3);
    await admin.query('BEGIN');
    await admin.query('LOCK TABLE person IN ACCESS EXCLUSIVE MODE');
    const inFlight = fetch(`${base}/api/auth/dev-users`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const signalled = Date.now();
    a.child.kill('SIGTERM');
    const killer = setTimeout(() => a.child.kill('SIGKILL'), GRACE_MS);

    // Draining: readiness answers 503 while requests are still served.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ready = await fetch(`${base}/api/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ error: { shutdown: { status: 'down', draining: true } } });
    expect((await fetch(`${base}/api/health/live`)).status).toBe(200);

    // The request in flight is finished, not cut, once the database lets it go.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await admin.query('ROLLBACK');
    expect((await inFlight).status).toBe(200);

    const exit = await a.exited;
    clearTimeout(killer);
    const tookMs = Date.now() - signalled;
    // Ended by itself (Nest re-raises SIGTERM after its hooks), not killed, not by the deadline.
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(tookMs).toBeLessThan(GRACE_MS);

    // Nothing delivered is left unmarked, nothing marked was not delivered, and the claimed rest
    // was handed back (due now) rather than leased away for five minutes.
    const sentByA = (
      await t.dataSource.query<{ id: string }[]>(`SELECT id FROM mail_outbox WHERE status = 'SENT'`)
    ).map((r) => r.id);
    expect(sentByA.length).toBeGreaterThan(0);
    expect(sentByA.length).toBeLessThan(all.length);
    expect(new Set(sentByA)).toEqual(new Set(smtp.received.keys()));
    const [{ leased }] = await t.dataSource.query<{ leased: number }[]>(
      `SELECT count(*)::int AS leased FROM mail_outbox WHERE status = 'PENDING' AND next_attempt_at > now()`,
    );
    expect(leased).toBe(0);
    expect(a.log).toMatch(/handed back unsent/);

    // Another process sends the rest; every mail exactly once.
    smtp.delayMs = 0;
    const b = await spawnServer();
    await until('the outbox to drain', Date.now() + 90_000, async () => (await pending()).length === 0);
    expect(new Set(smtp.received.keys())).toEqual(new Set(all));
    expect([...smtp.received.values()].every((n) => n === 1)).toBe(true);
    expect(smtp.total).toBe(all.length);
    b.child.kill('SIGTERM');
    await b.exited;

    // One JSON line per request: id, user, route pattern (never the URL), status, time.
    const lines = a.log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    const personLine = requests.find((l) => l.requestId === 'trace-person-lookup-1');
    expect(personLine).toMatchObject({
      user: 'admin1',
      method: 'GET',
      route: '/api/persons/:id',
      status: lookup.status,
    });
    expect(typeof personLine?.ms).toBe('number');
    expect(requests.find((l) => l.route === '/api/auth/dev-users')).toMatchObject({ status: 200 });
    expect(a.log).not.toContain('191212121212');
    // Nest's own logs are pino lines too.
    expect(lines.some((l) => l.context === 'Shutdown')).toBe(true);
  }, 300_000);
});
