/**
 * Batch attest benchmark: 500 orders awaiting sarbe3's attest, one sign request
 * over all of them, signed with PIN 1234 through the HTTP API on a listening port; times the sign
 * call, in which the signature is made and verified and all 500 orders are decided.
 *
 *   npm run bench:attest                 embedded PostgreSQL in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench:attest   a throwaway database on that server
 *
 * Two rounds: start dates ahead (the attest alone: 500 orders APPROVED; target < 2 s), and start
 * dates today (approved and carried out at once: 500 orders COMPLETED).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApp } from '../../server/src/app.factory.js';
import { Clock } from '../../server/src/common/clock.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { openBenchDatabase, sql } from './bench-database.js';
import { BENCH_LIMITS } from './bench-limits.js';

const BATCH = 500;
const SOLGLANTAN = seedId('unit:solglantan');
const ASSIGNMENTS = ['VoB SJF', 'Kvalitetssäkring', 'Statistik VE', 'Administration Spärr & Logg'].map(
  (name) => seedId(`assignment:solglantan:${name}`),
);

/** A browser-like session: cookie and CSRF token, signed in through the development sign-in. */
async function session(base: string, userId: string) {
  let cookie = '';
  const remember = (res: Response) => {
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('beh.sid='));
    if (sid) cookie = sid.split(';')[0];
  };
  const csrf = async () => {
    const res = await fetch(`${base}/api/auth/csrf`, { headers: { cookie } });
    remember(res);
    return ((await res.json()) as { token: string }).token;
  };
  const post = async (url: string, body: unknown, token: string) => {
    const res = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': token },
      body: JSON.stringify(body),
    });
    remember(res);
    return res;
  };
  const login = await post('/api/auth/dev-login', { userId }, await csrf());
  if (login.status !== 200) throw new Error(`dev-login as ${userId} answered ${login.status}`);
  const token = await csrf();
  return {
    get: async <T>(url: string): Promise<T> =>
      (await (await fetch(`${base}${url}`, { headers: { cookie } })).json()) as T,
    post: (url: string, body: unknown) => post(url, body, token),
  };
}

/** `count` one-line orders of Erik's for sarbe3, straight through the state machine, on free lines. */
async function placeOrders(
  app: INestApplication,
  db: DataSource,
  startDate: string,
  count: number,
): Promise<string[]> {
  const lines = await db.query<{ endUserId: string; assignmentId: string }[]>(
    `SELECT p.id AS "endUserId", a.id AS "assignmentId"
       FROM person p CROSS JOIN unnest($1::uuid[]) WITH ORDINALITY AS a(id, n)
      WHERE p.id <> $3 -- never sarbe3 herself: she may not approve her own access (OWN_ACCESS)
        AND NOT EXISTS (SELECT 1 FROM held_assignment h WHERE h.person_id = p.id AND h.assignment_id = a.id)
        AND NOT EXISTS (SELECT 1 FROM vmu_order_item i
                         WHERE i.end_user_id = p.id AND i.assignment_id = a.id AND i.status = 'PENDING')
      ORDER BY a.n, p.user_id LIMIT $2`,
    [ASSIGNMENTS, count, seedId('person:sarbe3')],
  );
  if (lines.length < count) throw new Error(`only ${lines.length} free lines`);
  const erik = seedId('person:eriho2');
  const created = await db.transaction((m) =>
    app.get(OrderStateMachine).create(
      m,
      lines.map((l) => ({
        type: 'GRANT' as const,
        endUserId: l.endUserId,
        ordererId: erik,
        attestantId: seedId('person:sarbe3'),
        careUnitId: SOLGLANTAN,
        startDate,
        endDate: null,
        urgent: false,
        comment: null,
        batchId: null,
        assignmentIds: [l.assignmentId],
      })),
      erik,
    ),
  );
  return created.map((c) => c.order.id);
}

async function round(
  app: INestApplication,
  db: DataSource,
  sara: Awaited<ReturnType<typeof session>>,
  label: string,
  startDate: string,
  count = BATCH,
): Promise<void> {
  const ids = await placeOrders(app, db, startDate, count);
  const t0 = performance.now();
  const created = await sara.post('/api/attest/sign-requests', { orderIds: ids, decision: 'APPROVE' });
  const requestMs = performance.now() - t0;
  if (created.status !== 201)
    throw new Error(`sign request answered ${created.status} ${await created.text()}`);
  const { requestId, document } = (await created.json()) as { requestId: string; document: string };
  const [certificate] = await sara.get<{ id: string }[]>(`/api/signing/${requestId}/certificates`);
  const t1 = performance.now();
  const signed = await sara.post(`/api/signing/${requestId}/sign`, {
    certificateId: certificate.id,
    pin: '1234',
  });
  const signMs = performance.now() - t1;
  if (signed.status !== 200) throw new Error(`sign answered ${signed.status} ${await signed.text()}`);
  const statuses = await db.query<{ status: string; n: number }[]>(
    `SELECT status, count(*)::int AS n FROM vmu_order WHERE sign_request_id = $1 GROUP BY status`,
    [requestId],
  );
  console.log(
    `${label.padEnd(34)} sign request ${requestMs.toFixed(0).padStart(5)} ms (document ${document.length} chars)   ` +
      `sign ${signMs.toFixed(0).padStart(5)} ms   → ${statuses.map((s) => `${s.n} ${s.status}`).join(', ')}`,
  );
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase(`beh_bench_attest_${process.pid}`);
  const { databaseUrl } = bench;
  let app: INestApplication | undefined;
  try {
    // Statistics for the bench database itself, where the seed just landed.
    await sql(databaseUrl, 'ANALYZE');

    const config = loadConfig({
      ...BENCH_LIMITS,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      UI_DIR: '',
      SEED_ON_EMPTY: 'false',
    });
    app = await createApp(config, databaseUrl);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const db = app.get<DataSource>(getDataSourceToken());
    const sara = await session(`http://127.0.0.1:${port}`, 'sarbe3');
    const today = app.get(Clock).today();
    const ahead = new Date(`${today}T12:00:00Z`);
    ahead.setUTCDate(ahead.getUTCDate() + 14);

    console.log(`batch attest of ${BATCH} orders, one signature (PIN 1234), HTTP on 127.0.0.1`);
    // A small batch first, so that the timed rounds do not pay for warming up.
    await round(app, db, sara, 'warm-up: 20 orders', ahead.toISOString().slice(0, 10), 20);
    await round(app, db, sara, `${BATCH} orders, start in 14 days`, ahead.toISOString().slice(0, 10));
    await round(app, db, sara, `${BATCH} orders, start today`, today);
  } finally {
    await app?.close();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
