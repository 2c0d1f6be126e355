import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { insertDueOrders } from '../bench/due-orders.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TOKEN = 'metrics-token-for-the-tests-0123';

/** The value of one sample of the exposition text, e.g. `beh_sign_requests{state="signed"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/**
 * Prometheus metrics behind their token, and liveness and readiness (docs/design.md, Operations).
 * The request log lines and the shutdown are proven on a real process in shutdown.e2e-spec.ts.
 */
describe('observability: metrics, liveness and readiness', () => {
  let t: TestApp;
  const scrape = () => request(t.http).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);

  beforeAll(async () => {
    t = await createTestApp({ METRICS_TOKEN: TOKEN });
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  it('answers /metrics only to the configured bearer token', async () => {
    const none = await request(t.http).get('/metrics').expect(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).toMatchObject({ status: 401, title: 'Inte inloggad' });
    await request(t.http)
      .get('/metrics')
      .set('Authorization', 'Bearer wrong-token-of-some-length')
      .expect(401);
    // A session is not a token: not even an administrator's.
    const admin = await signIn(t, 'admin1');
    await admin.get('/metrics').expect(401);
    const ok = await scrape().expect(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(ok.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('times requests per route pattern and status class, never per URL', async () => {
    const admin = await signIn(t, 'admin1');
    const [person] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM person LIMIT 1`);
    await admin.get(`/api/persons/${person.id}`).expect(200);
    const other = await admin.get(`/api/persons/${person.id}?q=191212121212`);
    await request(t.http).get('/api/no-such-route/191212121212').expect(404);
    const { text } = await scrape().expect(200);
    const series = (status: string) =>
      `beh_http_request_duration_seconds_count{method="GET",route="/api/persons/:id",status_class="${status}"}`;
    const otherClass = `${Math.floor(other.status / 100)}xx`;
    expect(sample(text, series('2xx'))).toBe(otherClass === '2xx' ? 2 : 1);
    if (otherClass !== '2xx') expect(sample(text, series(otherClass))).toBe(1);
    expect(
      sample(
        text,
        'beh_http_request_duration_seconds_count{method="GET",route="(unmatched)",status_class="4xx"}',
      ),
    ).toBe(1);
    expect(text).not.toContain('191212121212');
    expect(text).not.toContain(person.id);
  });

  it('shows the outbox, due orders, sign requests, the pool and scheduler ticks as the database has them', async () => {
    const today = t.app.get(Clock).today();
    await t.dataSource.query(
      `INSERT INTO mail_outbox (to_address, subject, text_body, html_body, template, created_at)
       VALUES ('a@example.org', 'Prov', 't', '<p>h</p>', 'TEST', now() - interval '10 minutes')`,
    );
    const [mail] = await t.dataSource.query<{ pending: number; age: number }[]>(
      `SELECT count(*)::int AS pending, extract(epoch FROM now() - min(created_at))::float AS age
         FROM mail_outbox WHERE status = 'PENDING'`,
    );
    const [due] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM vmu_order WHERE status = 'APPROVED' AND start_date <= $1`,
      [today],
    );
    const signs = await t.dataSource.query<{ status: string; n: number }[]>(
      `SELECT status, count(*)::int AS n FROM sign_request GROUP BY status`,
    );
    await t.app.get(SchedulerService).runTick();
    await t.app.get(SchedulerService).runTick();

    const { text } = await scrape().expect(200);
    expect(sample(text, 'beh_mail_outbox_pending')).toBe(mail.pending);
    expect(mail.pending).toBeGreaterThan(0);
    const age = sample(text, 'beh_mail_outbox_oldest_pending_age_seconds')!;
    expect(age).toBeGreaterThanOrEqual(600);
    expect(Math.abs(age - mail.age)).toBeLessThan(60);
    expect(sample(text, 'beh_orders_due_waiting')).toBe(due.n);
    const signed = signs.find((s) => s.status === 'SIGNED')?.n ?? 0;
    expect(sample(text, 'beh_sign_requests{state="signed"}')).toBe(signed);
    expect(sample(text, 'beh_scheduler_tick_duration_seconds_count')).toBe(2);
    expect(sample(text, 'beh_db_pool_connections{state="total"}')).toBeGreaterThan(0);
    expect(sample(text, 'beh_db_pool_connections{state="waiting"}')).toBe(0);

    // Due orders waiting: approved orders whose start date has come count until carried out.
    await t.dataSource.transaction((m) => insertDueOrders(m, 3, today));
    const after = await scrape().expect(200);
    expect(sample(after.text, 'beh_orders_due_waiting')).toBe(due.n + 3);
  });

  it('answers liveness and readiness publicly, in terminus shape', async () => {
    const live = await request(t.http).get('/api/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    const ready = await request(t.http).get('/api/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: {
        shutdown: { status: 'up', draining: false },
        database: { status: 'up' },
        migrations: { status: 'up', pending: false },
      },
    });
    // The portal's own health answer is unchanged.
    const health = await request(t.http).get('/api/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', database: 'up', migrations: 'current' });
  });

  it('is not ready while a migration is pending', async () => {
    await t.dataSource.query(`DELETE FROM migrations WHERE id = (SELECT max(id) FROM migrations)`);
    const ready = await request(t.http).get('/api/health/ready').expect(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { migrations: { status: 'down' } } });
    await request(t.http).get('/api/health/live').expect(200);
  });
});
