import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import {
  signRequestExpired,
  signRequestFailed,
  signRequestUsed,
} from '../../server/src/signing/signing.errors.js';
import { addDays } from '../e2e/orders-support.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ServerProcess, session, until } from './server-process.js';

const MASS = 1000;
const ATTEST = 500;
const SOLGLANTAN = seedId('unit:solglantan');
const VOB_SOL = seedId('assignment:solglantan:VoB SJF');
const SARBE3 = seedId('person:sarbe3');

/**
 * SIGKILL in the middle of the two biggest transactions a user starts: a mass order of 1,000
 * persons and the signature over a batch of 500 orders. The server process is killed while its
 * transaction has written all but its last row and is held open by the test (see
 * killMidTransaction), then started again: nothing of the batch is there, the chain whole, and
 * the user can do it again; the sign request is still pending and usable (or refused as expired
 * or used, never half applied).
 */
describe('faults: the server killed with SIGKILL mid mass order and mid batch attest', () => {
  let t: TestApp;
  let server: ServerProcess;
  let watcher: pg.Client;
  let databaseName: string;
  let url: string;
  let startDate: string;

  beforeAll(async () => {
    // The demo's Solgläntan, eriho2 (ORDER+ATTEST) and sarbe3 (ATTEST), and 1,000 more staff
    // engaged there, written in one statement each (through the services they would take minutes).
    t = await createTestApp();
    url = (t.dataSource.options as { url: string }).url;
    databaseName = new URL(url).pathname.slice(1);
    startDate = addDays(t.app.get(Clock).today(), 14);
    await t.dataSource.query(
      `INSERT INTO person (hsa_id, user_id, personnummer, first_name, last_name, title, email)
       SELECT 'SE2321000131-P8' || lpad(g::text, 11, '0'), 'fault' || g, '1940' || lpad(g::text, 8, '0'),
              'Fel', 'Tålig' || g, 'Medarbetare', 'fault' || g || '@test.example'
         FROM generate_series(1, $1::int) AS g`,
      [MASS],
    );
    await t.dataSource.query(
      `INSERT INTO engagement (person_id, care_unit_id, cost_centre, title, valid_from)
       SELECT id, $1, 'F100', 'Medarbetare', DATE '2020-01-01' FROM person WHERE user_id LIKE 'fault%'`,
      [SOLGLANTAN],
    );
    watcher = new pg.Client({ connectionString: url });
    await watcher.connect();
    server = await ServerProcess.start({ DATABASE_URL: url, SCHEDULER_ENABLED: 'false' });
  }, 120_000);

  afterAll(async () => {
    await server?.kill('SIGTERM');
    await watcher?.end();
    await t?.close();
  });

  /**
   * Sends SIGKILL while the request's transaction is certainly open. Its last write — the mail it
   * puts in the outbox, written after its orders, lines and audit events — is held back by a
   * SHARE lock on mail_outbox that the test's own connection takes before the request is sent.
   * Once the request's backend has written (it holds a transaction id) and waits for that lock,
   * the process is killed; the lock is let go only when the process is gone, and the orphaned
   * backend, finding its client gone, rolls back. It is waited for before the server starts again.
   */
  async function killMidTransaction(send: () => Promise<Response>): Promise<string> {
    const locker = new pg.Client({ connectionString: url });
    await locker.connect();
    try {
      const [{ pid: lockerPid }] = (await locker.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`))
        .rows;
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE mail_outbox IN SHARE MODE');
      const answered = send().then(
        (res) => `answered ${res.status}`,
        () => 'connection lost',
      );
      let held: { pid: number; xid: string; query: string } | undefined;
      await until('the transaction written and held back at its mail', Date.now() + 60_000, async () => {
        if (server.child?.exitCode !== null) throw new Error(`The server process died:\n${server.log}`);
        const { rows } = await watcher.query<{ pid: number; xid: string; query: string }>(
          `SELECT pid, backend_xid::text AS xid, left(query, 40) AS query FROM pg_stat_activity
            WHERE datname = $1 AND backend_xid IS NOT NULL AND $2 = ANY(pg_blocking_pids(pid))`,
          [databaseName, lockerPid],
        );
        held = rows[0];
        return held !== undefined;
      });
      // Read again on its own: the row above came from the statement's snapshot of the activity,
      // taken before pg_blocking_pids looked (the query could still have been an earlier one).
      const { pid } = held!;
      const {
        rows: [{ xid, query, wait }],
      } = await watcher.query<{ xid: string; query: string; wait: string }>(
        `SELECT backend_xid::text AS xid, left(query, 40) AS query, wait_event_type AS wait
           FROM pg_stat_activity WHERE pid = $1`,
        [pid],
      );
      expect({ xid, wait }).toEqual({ xid: held!.xid, wait: 'Lock' });
      expect(query).toMatch(/^\s*INSERT INTO mail_outbox/);
      // Nothing can have answered: the transaction cannot commit while the test holds the lock.
      const early = await Promise.race([answered, new Promise<string>((r) => setImmediate(() => r('')))]);
      expect(early).toBe('');
      await server.kill('SIGKILL');
      const outcome = await answered;
      expect(outcome).toBe('connection lost');
      // Still open when the process was gone: the same backend, same transaction, still waiting.
      const { rows: after } = await watcher.query<{ xid: string | null; wait: string | null }>(
        `SELECT backend_xid::text AS xid, wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1`,
        [pid],
      );
      expect(after).toEqual([{ xid, wait: 'Lock' }]);
      await locker.query('ROLLBACK');
      await until(`backend ${pid} of the killed process gone`, Date.now() + 30_000, async () => {
        const { rows } = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [pid]);
        return rows.length === 0;
      });
      await server.restart();
      return (
        `killed mid transaction (backend ${pid}, transaction ${xid} written and open, waiting at ` +
        `"${query.replace(/\s+/g, ' ').trim()}…"; the client saw: ${outcome})`
      );
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  }

  const count = async (sql: string, params: unknown[] = []) =>
    (await t.dataSource.query<{ n: number }[]>(sql, params))[0].n;

  it('a mass order of 1,000 persons is all or none across SIGKILL, and can be sent again', async () => {
    const { count: eventsBefore } = await t.app.get(AuditService).verify();
    const eriho2 = await session(server.base, 'eriho2');
    const people = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM person WHERE user_id LIKE 'fault%' ORDER BY user_id`,
    );
    const body = { assignmentId: VOB_SOL, add: people.map((p) => p.id), attestantId: SARBE3, startDate };
    const mailsBefore = await count(`SELECT count(*)::int AS n FROM mail_outbox`);
    const what = await killMidTransaction(() => eriho2.post('/api/mass-orders', body));

    const orders = await count(`SELECT count(*)::int AS n FROM vmu_order WHERE batch_id IS NOT NULL`);
    const batches = await count(`SELECT count(*)::int AS n FROM mass_order_batch`);
    const chain = await t.app.get(AuditService).verify();
    console.log(
      `SIGKILL mass order: ${what}; after restart ${orders} of ${MASS} orders, ${batches} batch, ` +
        `audit chain ${chain.ok ? 'whole' : 'BROKEN'} (${chain.count} events)`,
    );
    // Killed before its commit: none of it, not its batch, events or mail.
    expect({
      orders,
      batches,
      events: chain.count,
      mails: await count(`SELECT count(*)::int AS n FROM mail_outbox`),
    }).toEqual({ orders: 0, batches: 0, events: eventsBefore, mails: mailsBefore });
    expect(chain.ok).toBe(true);

    const again = await (await session(server.base, 'eriho2')).post('/api/mass-orders', body);
    expect(again.status).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM vmu_order WHERE batch_id IS NOT NULL`)).toBe(MASS);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id
          WHERE o.batch_id IS NOT NULL AND o.status = 'AWAITING_ATTEST' AND i.status = 'PENDING'`,
      ),
    ).toBe(MASS);
    expect((await t.app.get(AuditService).verify()).ok).toBe(true);
    console.log(`SIGKILL mass order: sent again after restart, ${MASS} orders in 1 batch, none twice`);
  }, 180_000);

  it('the signature over 500 orders is all or none across SIGKILL; the sign request stays usable', async () => {
    const ids = (
      await t.dataSource.query<{ id: string }[]>(
        `SELECT id FROM vmu_order WHERE batch_id IS NOT NULL ORDER BY order_number LIMIT $1`,
        [ATTEST],
      )
    ).map((r) => r.id);
    const sarbe3 = await session(server.base, 'sarbe3');
    const created = await sarbe3.post('/api/attest/sign-requests', { orderIds: ids, decision: 'APPROVE' });
    expect(created.status).toBe(201);
    const { requestId } = (await created.json()) as { requestId: string };
    const certificates = (await (await sarbe3.get(`/api/signing/${requestId}/certificates`)).json()) as {
      id: string;
    }[];
    const sign = { certificateId: certificates[0].id, pin: '1234' };
    const { count: eventsBefore } = await t.app.get(AuditService).verify();

    const what = await killMidTransaction(() => sarbe3.post(`/api/signing/${requestId}/sign`, sign));
    const decided = async () =>
      count(`SELECT count(*)::int AS n FROM vmu_order WHERE id = ANY($1) AND status = 'APPROVED'`, [ids]);
    const approved = await decided();
    const waiting = await count(
      `SELECT count(*)::int AS n FROM vmu_order WHERE id = ANY($1) AND status = 'AWAITING_ATTEST'`,
      [ids],
    );
    const [request] = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM sign_request WHERE id = $1`,
      [requestId],
    );
    const chain = await t.app.get(AuditService).verify();
    console.log(
      `SIGKILL batch attest: ${what}; after restart ${approved} approved and ${waiting} waiting of ${ATTEST}, ` +
        `sign request ${request.status}, audit chain ${chain.ok ? 'whole' : 'BROKEN'}`,
    );
    expect(chain.ok).toBe(true);
    // Killed before its commit: no order decided, the request not used, no event of it.
    expect({ approved, waiting, request: request.status, events: chain.count }).toEqual({
      approved: 0,
      waiting: ATTEST,
      request: 'PENDING',
      events: eventsBefore,
    });

    // The same request, signed again after the restart: it is still pending, so it signs (200),
    // unless it has expired meanwhile or is used or failed after all: then refused as such, with
    // that problem and nothing else (a 4xx of any other kind would be a wrong answer).
    const again = await (await session(server.base, 'sarbe3')).post(`/api/signing/${requestId}/sign`, sign);
    const answer = (await again.json()) as Record<string, unknown>;
    console.log(
      `SIGKILL batch attest: the same sign request signed again → ${again.status}` +
        (again.status === 200 ? '' : ` ${String(answer.type)}`),
    );
    if (again.status === 200) {
      expect(await decided()).toBe(ATTEST);
      expect(
        await count(`SELECT count(*)::int AS n FROM vmu_order WHERE id = ANY($1) AND sign_request_id = $2`, [
          ids,
          requestId,
        ]),
      ).toBe(ATTEST);
    } else {
      const named = (p: Record<string, unknown>) => ({ status: p.status, type: p.type, detail: p.detail });
      const refusals = [signRequestExpired(), signRequestUsed(), signRequestFailed()];
      expect(refusals.map((p) => named({ ...p.toProblem() }))).toContainEqual(named(answer));
      expect(await decided()).toBe(0);
    }
    expect((await t.app.get(AuditService).verify()).ok).toBe(true);
  }, 180_000);
});
