import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
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
 * persons and the signature over a batch of 500 orders. The server process is killed the moment
 * its transaction has written (its backend holds a transaction id), then started again: the
 * batch is there whole or not at all, nothing of it half written, the chain whole, and the user
 * can do it again; the sign request is still usable (or refused cleanly, never half applied).
 */
describe('faults: the server killed with SIGKILL mid mass order and mid batch attest', () => {
  let t: TestApp;
  let server: ServerProcess;
  let watcher: pg.Client;
  let databaseName: string;
  let startDate: string;

  beforeAll(async () => {
    // The demo's Solgläntan, eriho2 (ORDER+ATTEST) and sarbe3 (ATTEST), and 1,000 more staff
    // engaged there, written in one statement each (through the services they would take minutes).
    t = await createTestApp();
    const url = (t.dataSource.options as { url: string }).url;
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

  /** Sends SIGKILL as soon as a backend of the server process's pool has written in a transaction. */
  async function killMidTransaction(request: Promise<Response>): Promise<string> {
    const answered = request.then(
      (res) => `answered ${res.status}`,
      () => 'connection lost',
    );
    let writing = false;
    await until('a writing transaction', Date.now() + 60_000, async () => {
      const { rows } = await watcher.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL`,
        [databaseName],
      );
      writing = rows[0].n > 0;
      return writing || server.child?.exitCode !== null;
    });
    const raced = await Promise.race([answered, new Promise<string>((r) => setImmediate(() => r('')))]);
    await server.kill('SIGKILL');
    const outcome = await answered;
    await server.restart();
    return raced ? `the request had ${raced} first` : `killed mid transaction (client saw: ${outcome})`;
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
    const what = await killMidTransaction(eriho2.post('/api/mass-orders', body));

    const orders = await count(`SELECT count(*)::int AS n FROM vmu_order WHERE batch_id IS NOT NULL`);
    const batches = await count(`SELECT count(*)::int AS n FROM mass_order_batch`);
    const chain = await t.app.get(AuditService).verify();
    console.log(
      `SIGKILL mass order: ${what}; after restart ${orders} of ${MASS} orders, ${batches} batch, ` +
        `audit chain ${chain.ok ? 'whole' : 'BROKEN'} (${chain.count} events)`,
    );
    expect([0, MASS]).toContain(orders);
    expect(batches).toBe(orders === 0 ? 0 : 1);
    expect(chain.ok).toBe(true);
    // No half-written order: every order has its one line.
    expect(
      await count(`SELECT count(*)::int AS n FROM vmu_order o
                    WHERE NOT EXISTS (SELECT 1 FROM vmu_order_item i WHERE i.order_id = o.id)`),
    ).toBe(0);

    if (orders === 0) {
      expect(chain.count).toBe(eventsBefore);
      const again = await (await session(server.base, 'eriho2')).post('/api/mass-orders', body);
      expect(again.status).toBe(201);
    }
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

    const what = await killMidTransaction(sarbe3.post(`/api/signing/${requestId}/sign`, sign));
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
    expect([0, ATTEST]).toContain(approved);
    expect(approved + waiting).toBe(ATTEST);
    if (approved === 0) {
      expect(chain.count).toBe(eventsBefore);
      expect(request.status).toBe('PENDING');
      // The same request, signed again after the restart: usable, or (expired) refused cleanly.
      const again = await (await session(server.base, 'sarbe3')).post(`/api/signing/${requestId}/sign`, sign);
      const answer = (await again.json()) as { title?: string; detail?: string };
      console.log(`SIGKILL batch attest: the same sign request signed again → ${again.status}`);
      if (again.status !== 200) {
        expect(again.status).toBeGreaterThanOrEqual(400);
        expect(again.status).toBeLessThan(500);
        expect(answer.detail).toBeTruthy();
      } else {
        expect(await decided()).toBe(ATTEST);
      }
    }
    if ((await decided()) === ATTEST) {
      expect(
        await count(`SELECT count(*)::int AS n FROM vmu_order WHERE id = ANY($1) AND sign_request_id = $2`, [
          ids,
          requestId,
        ]),
      ).toBe(ATTEST);
    }
    expect((await t.app.get(AuditService).verify()).ok).toBe(true);
  }, 180_000);
});
