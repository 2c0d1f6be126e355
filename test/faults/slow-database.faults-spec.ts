import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import request from 'supertest';
import { signIn, type Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const TIMEOUT_MS = 500;
const CONCURRENT = 30;

/**
 * A slow database: every statement on the orders is held up (another session holds an exclusive
 * lock on the table), so each runs into the statement timeout (DB_STATEMENT_TIMEOUT_MS, here
 * 500 ms). Each request gets a Swedish 503 problem soon after the timeout instead of hanging, more
 * of them at once than the pool has connections; requests that do not touch the orders are
 * answered meanwhile; and once the database is quick again the same requests succeed: the server
 * stayed up and its pool whole.
 */
describe('faults: a slow database (statement timeout reached)', () => {
  let t: TestApp;
  let admin: Client;
  let blocker: pg.Client;

  beforeAll(async () => {
    t = await createTestApp({ DB_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS) });
    admin = await signIn(t, 'admin1');
    blocker = new pg.Client({ connectionString: (t.dataSource.options as { url: string }).url });
    await blocker.connect();
  });

  afterAll(async () => {
    await blocker?.end();
    await t?.close();
  });

  it('answers 503 in Swedish within the timeout and serves again when the database is quick', async () => {
    const list = () =>
      admin
        .get('/api/orders?filter={"scope":"all"}&range=[0,24]')
        .timeout(10_000)
        .then(
          (res) => res,
          (error: unknown) => {
            throw new Error(
              `no answer within 10 s: is DB_STATEMENT_TIMEOUT_MS in effect? (${String(error)})`,
            );
          },
        );
    expect((await list()).status).toBe(200);

    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE vmu_order IN ACCESS EXCLUSIVE MODE');
    let answers: { status: number; ms: number; body: Record<string, unknown>; type: string }[];
    let meanwhile: number;
    try {
      const started = Date.now();
      const timed = async () => {
        const res = await list();
        return {
          status: res.status,
          ms: Date.now() - started,
          body: res.body as Record<string, unknown>,
          type: String(res.headers['content-type']),
        };
      };
      [answers, meanwhile] = await Promise.all([
        Promise.all(Array.from({ length: CONCURRENT }, timed)),
        // A request that needs no order is not held up by them.
        request(t.http)
          .get('/api/health')
          .then((res) => res.status),
      ]);
    } finally {
      await blocker.query('ROLLBACK');
    }

    const slowest = Math.max(...answers.map((a) => a.ms));
    console.log(
      `slow database: ${CONCURRENT} requests at once against a table held up, statement timeout ${TIMEOUT_MS} ms → ` +
        `${answers.filter((a) => a.status === 503).length} answered 503 (${String(answers[0].body.title)}: ` +
        `${String(answers[0].body.detail)}), the last after ${slowest} ms; /api/health meanwhile ${meanwhile}; ` +
        `after: list ${(await list()).status}`,
    );
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.body).toMatchObject({ status: 503, title: 'Tjänsten är inte tillgänglig' });
      expect(String(answer.body.detail)).toMatch(/[åäö]|databas/i);
    }
    // Pool of 20, 30 requests: the last ones waited for a connection, then for their own timeout.
    expect(slowest).toBeLessThan(TIMEOUT_MS * 3 + 3000);
    expect(meanwhile).toBe(200);

    // Up and whole: the same list, and many at once, answered as before.
    const after = await Promise.all(Array.from({ length: CONCURRENT }, list));
    expect(after.map((res) => res.status)).toEqual(after.map(() => 200));
  });
});
