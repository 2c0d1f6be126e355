import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { insertDueOrders } from '../bench/due-orders.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ServerProcess, session, until } from './server-process.js';

// Enough small batches that one process's tick lasts longer than the other's interval of a second:
// both then claim at the same time (with 300 orders in batches of 50, one tick of one process
// once carried out all of them before the other ticked, and nothing was shown about two at once).
const ORDERS = 1000;
const BATCH = 10;

/** The scheduler's tick reports in a process's log, plain or as JSON lines. */
function ticks(log: string): { carriedOut: number }[] {
  return log.split('\n').flatMap((line) => {
    let text = line;
    if (line.startsWith('{')) {
      try {
        const entry = JSON.parse(line) as { msg?: unknown; message?: unknown };
        text = String(entry.msg ?? entry.message ?? '');
      } catch {
        return [];
      }
    }
    const match = /Tick: (\{.*\})/.exec(text);
    return match ? [JSON.parse(match[1]) as { carriedOut: number }] : [];
  });
}

/**
 * Two server processes with their schedulers and mail workers on one database, under request
 * load: 1,000 orders fall due at once; each is carried out once, and each orderer's mail about
 * it reaches the SMTP server once, whichever process claimed the order or the mail, while both
 * keep answering requests.
 */
describe('faults: two server processes with schedulers under load', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    sink = new SmtpSink();
    await sink.start();
    const env = {
      DATABASE_URL: (t.dataSource.options as { url: string }).url,
      SMTP_URL: sink.url,
      MAIL_POLL_SECONDS: '1',
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_INTERVAL_SECONDS: '1',
      CARRY_OUT_BATCH: String(BATCH),
    };
    servers.push(...(await Promise.all([ServerProcess.start(env), ServerProcess.start(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.kill('SIGTERM')));
    await sink?.stop();
    await t?.close();
  });

  it('carries out each of 1,000 due orders once and delivers one mail each, answering requests meanwhile', async () => {
    const { count: eventsBefore } = await t.app.get(AuditService).verify();
    const count = async (sql: string) => (await t.dataSource.query<{ n: number }[]>(sql))[0].n;
    const clients = await Promise.all(servers.map((s) => session(s.base, 'eriho2')));

    // Load: each process answers order history pages all along.
    let loading = true;
    const answers: { status: number; ms: number }[] = [];
    const load = Promise.all(
      clients.map(async (client) => {
        while (loading) {
          const started = Date.now();
          const res = await client.get('/api/orders?filter={"scope":"all"}&range=[0,24]');
          await res.arrayBuffer();
          answers.push({ status: res.status, ms: Date.now() - started });
        }
      }),
    );

    const started = Date.now();
    await t.dataSource.transaction((m) => insertDueOrders(m, ORDERS, t.app.get(Clock).today()));
    try {
      const left = (sql: string) => async () => (await count(sql)) === 0;
      await until(
        'every order carried out',
        Date.now() + 60_000,
        left(`SELECT count(*)::int AS n FROM vmu_order WHERE status = 'APPROVED'`),
      );
      await until(
        'every mail sent',
        Date.now() + 120_000,
        left(`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'PENDING'`),
      );
    } finally {
      loading = false;
      await load;
    }
    const seconds = (Date.now() - started) / 1000;

    expect(await count(`SELECT count(*)::int AS n FROM vmu_order WHERE status = 'COMPLETED'`)).toBe(ORDERS);
    const mails = await t.dataSource.query<{ id: string; relatedId: string; status: string }[]>(
      `SELECT id, related_id AS "relatedId", status FROM mail_outbox WHERE template = 'ORDER_COMPLETED'`,
    );
    expect(mails).toHaveLength(ORDERS);
    expect(new Set(mails.map((m) => m.relatedId)).size).toBe(ORDERS);
    const sent = mails.filter((m) => m.status === 'SENT');
    expect(sent).toHaveLength(ORDERS);
    // Delivered once each: the SMTP server got each outbox id's Message-ID exactly once.
    const received = new Map<string, number>();
    for (const mail of sink.mails) {
      const id = /^<([0-9a-f-]{36})@/.exec(mail.messageId)?.[1];
      if (id) received.set(id, (received.get(id) ?? 0) + 1);
    }
    expect(sent.filter((m) => received.get(m.id) !== 1)).toEqual([]);
    expect([...received.values()].filter((n) => n > 1)).toEqual([]);
    expect(await count(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'ORDER_COMPLETED'`)).toBe(
      ORDERS,
    );
    expect(await t.app.get(AuditService).verify()).toEqual({ ok: true, count: eventsBefore + ORDERS });

    const carriedOutBy = servers.map((s) => ticks(s.log).reduce((n, tick) => n + tick.carriedOut, 0));
    const failed = answers.filter((a) => a.status !== 200).length;
    const slowest = Math.max(...answers.map((a) => a.ms));
    console.log(
      `two schedulers: ${ORDERS} orders carried out once each in ${seconds.toFixed(1)} s ` +
        `(${carriedOutBy.join(' + ')} by the two processes), ${sent.length} mails sent, ` +
        `${sink.mails.length} received by SMTP (each once), ${ORDERS} audit events, chain whole; ` +
        `${answers.length} requests meanwhile, ${failed} not 200, slowest ${slowest} ms`,
    );
    expect(carriedOutBy.reduce((a, b) => a + b, 0)).toBe(ORDERS);
    expect(carriedOutBy.every((n) => n > 0)).toBe(true);
    expect(failed).toBe(0);
  }, 180_000);
});
