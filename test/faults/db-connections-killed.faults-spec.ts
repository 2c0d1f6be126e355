import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { withDatabase } from '../../server/src/database/database-url.js';
import { addDays, sendIn } from '../e2e/orders-support.js';
import { newPerson, newTeam, type PersonMade, type Team } from '../factories/index.js';
import { dropDatabase } from '../support/db-utils.js';
import { createAppOn } from '../support/standalone-app.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { ServerProcess, session } from './server-process.js';

const PEOPLE = 40;
const BATCH = 10;
/** Where a slow run stands, on stderr at once (jest holds console output until the end). */
const progress = (line: string) => process.stderr.write(`db-connections-killed: ${line}\n`);

/**
 * PostgreSQL terminating the portal's connections (pg_terminate_backend of every backend of its
 * database, every 1.5–3 s) while orders are placed, attested in batches of ten with a
 * signature, and carried out by the scheduler, in a server process of its own (a crash would
 * show as its exit). A phase can be over between two of those, so each phase's first transaction
 * is also held back by the test and killed mid way (killHeldBack): every phase certainly loses a
 * connection with a transaction open. Every step is retried the way a user or the next tick would until it has
 * happened; afterwards each person has exactly one order, no order lost or doubled, no batch
 * decided in part, each order carried out once with one holding, one mail and one event each,
 * the audit chain whole, and every request the outage got in the way of answered 503, not 500.
 */
describe('faults: PostgreSQL connections killed while placing, attesting and carrying out', () => {
  let t: TestApp;
  let url: string;
  let team: Team;
  let people: PersonMade[];
  let server: ServerProcess;
  let killer: pg.Client;
  let databaseName: string;
  let today: string;
  let kills = 0;
  let killing: Promise<void> | undefined;
  let stopKilling = false;
  /** Connections of the test's own in the portal's database, which the killer spares. */
  const spared = new Set<number>();

  beforeAll(async () => {
    t = await createTestApp({}, { seeded: false });
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    people = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await newPerson(t, { unit: team.unit }));
    url = (t.dataSource.options as { url: string }).url;
    databaseName = new URL(url).pathname.slice(1);
    // The test's own reads go through a connection of the maintenance database's server that the
    // killer spares (it kills only backends of the portal's database); the app's pool is closed.
    await t.app.close();
    killer = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
    await killer.connect();
    server = await ServerProcess.start({
      DATABASE_URL: url,
      SCHEDULER_ENABLED: 'true',
      SCHEDULER_INTERVAL_SECONDS: '1',
      CARRY_OUT_BATCH: '5',
    });
  }, 120_000);

  afterAll(async () => {
    stopKilling = true;
    await killing;
    await killer?.end();
    await server?.kill('SIGTERM');
    if (databaseName) await dropDatabase(withDatabase(url, 'postgres'), databaseName);
  });

  function startKilling(): void {
    stopKilling = false;
    killing = (async () => {
      while (!stopKilling) {
        await new Promise((resolve) => setTimeout(resolve, 1500 + Math.random() * 1500));
        const { rows } = await killer.query<{ killed: boolean }>(
          `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND pid <> ALL($2::int[])`,
          [databaseName, [...spared]],
        );
        kills += rows.filter((r) => r.killed).length;
      }
    })();
  }

  async function stopKillingNow(): Promise<void> {
    stopKilling = true;
    await killing;
  }

  interface HeldKill {
    pid: number;
    xid: string;
    query: string;
  }

  /**
   * One kill certain to land in the middle of a transaction of the phase about to start: a SHARE
   * lock on mail_outbox, taken on a connection of the test's own before the phase starts, holds
   * back the phase's first transaction at its mail (placing, signing and carrying out each write
   * one, after their order rows). Once a backend has written (holds a transaction id), holds a lock
   * on vmu_order and waits for the test's lock, it is terminated there, and the lock let go only
   * when the backend is gone: its transaction cannot have committed. `armed` resolves when the
   * lock is held; `killed` when the kill has landed (it fails after 90 s without one).
   */
  function killHeldBack(phase: string): { armed: Promise<void>; killed: Promise<HeldKill> } {
    let armed!: () => void;
    const isArmed = new Promise<void>((resolve) => (armed = resolve));
    const killed = (async () => {
      const locker = new pg.Client({ connectionString: url });
      locker.on('error', () => undefined);
      await locker.connect();
      const [{ pid: lockerPid, ordersOid }] = (
        await locker.query<{ pid: number; ordersOid: number }>(
          `SELECT pg_backend_pid() AS pid, 'vmu_order'::regclass::oid::int AS "ordersOid"`,
        )
      ).rows;
      spared.add(lockerPid);
      try {
        await locker.query('BEGIN');
        await locker.query('LOCK TABLE mail_outbox IN SHARE MODE');
        armed();
        const deadline = Date.now() + 90_000;
        for (;;) {
          if (server.child?.exitCode !== null)
            throw new Error(`The server process died:\n${server.log.slice(-3000)}`);
          const { rows } = await killer.query<HeldKill>(
            `SELECT a.pid, a.backend_xid::text AS xid, left(a.query, 40) AS query FROM pg_stat_activity a
              WHERE a.datname = $1 AND a.backend_xid IS NOT NULL AND $2 = ANY(pg_blocking_pids(a.pid))
                AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.relation = $3 AND l.granted)`,
            [databaseName, lockerPid, ordersOid],
          );
          // The activity's row read again on its own (the statement above saw it in a snapshot
          // taken before pg_blocking_pids looked): now that it waits for the test, it stays put.
          const held = rows[0]
            ? (
                await killer.query<HeldKill>(
                  `SELECT pid, backend_xid::text AS xid, left(query, 40) AS query FROM pg_stat_activity
                    WHERE pid = $1 AND wait_event_type = 'Lock'`,
                  [rows[0].pid],
                )
              ).rows[0]
            : undefined;
          if (held) {
            const [{ killed }] = (
              await killer.query<{ killed: boolean }>(`SELECT pg_terminate_backend($1) AS killed`, [held.pid])
            ).rows;
            if (killed) {
              kills++;
              // Gone while still waiting for the test's lock: rolled back, never committed.
              while (
                (await killer.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [held.pid])).rowCount
              )
                await new Promise((resolve) => setTimeout(resolve, 10));
              progress(
                `${phase}: killed backend ${held.pid} mid transaction ${held.xid} at "${held.query}…"`,
              );
              return held;
            }
          }
          if (Date.now() > deadline)
            throw new Error(`${phase}: no transaction of the phase held back in 90 s`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      } finally {
        armed();
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end().catch(() => undefined);
        spared.delete(lockerPid);
      }
    })();
    // The phase awaits `killed` at its end; a failure before then is not an unhandled rejection.
    killed.catch(() => undefined);
    return { armed: isArmed, killed };
  }

  /** A read of the portal's database that survives the killing (a fresh connection each time). */
  async function read<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    for (;;) {
      const client = new pg.Client({ connectionString: url });
      client.on('error', () => undefined);
      try {
        await client.connect();
        return (await client.query<T>(sql, params)).rows;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 20));
      } finally {
        await client.end().catch(() => undefined);
      }
    }
  }

  /** Tries `step` until it reports done, counting the attempts the killing made fail. */
  async function retried(step: () => Promise<boolean>, failures: Map<string, number>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (server.child?.exitCode !== null)
        throw new Error(`The server process died:\n${server.log.slice(-3000)}`);
      let done = false;
      try {
        done = await step();
      } catch (error) {
        const name = error instanceof Error ? error.message.slice(0, 60) : String(error);
        failures.set(name, (failures.get(name) ?? 0) + 1);
      }
      if (done) return;
      if (attempt > 300) {
        const seen = [...failures].map(([k, n]) => `${n}× ${k}`).join('; ');
        throw new Error(
          `gave up after 300 attempts (${seen}); the server's log ends:\n${server.log.slice(-4000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A signed-in client of the server process, signed in again whenever the killing got in the way. */
  async function signedIn(userId: string, failures: Map<string, number>) {
    let client: Awaited<ReturnType<typeof session>> | undefined;
    await retried(async () => {
      client = await session(server.base, userId);
      return true;
    }, failures);
    return client as Awaited<ReturnType<typeof session>>;
  }

  const ordersOf = (personId: string) =>
    read<{ id: string; status: string }>(`SELECT id, status FROM vmu_order WHERE end_user_id = $1`, [
      personId,
    ]);

  it('loses and doubles nothing', async () => {
    const tomorrow = addDays(today, 1);
    const statuses = new Map<string, number>();
    const failures = new Map<string, number>();
    const answered = (what: string, res: Response) => {
      const key = `${what} ${res.status}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    };
    const [{ events: eventsBefore }] = await read<{ events: number }>(
      `SELECT count(*)::int AS events FROM audit_event`,
    );
    startKilling();
    const list = (m: Map<string, number>) => [...m].map(([k, n]) => `${n}× ${k}`).join('; ') || 'none';
    const report = setInterval(
      () => progress(`${kills} killed; ${list(statuses)}; ${list(failures)}`),
      20_000,
    );

    // Placing: half due today, half tomorrow, two at a time. A send whose answer was lost is
    // sent again; the line already ordered is then refused (409), never ordered twice.
    const orderer = await signedIn(team.orderer.userId, failures);
    const placing = killHeldBack('placing');
    await placing.armed;
    await Promise.all(
      [0, 1].map(async (lane) => {
        for (let i = lane; i < PEOPLE; i += 2) {
          const person = people[i];
          const body = sendIn(team, person, [team.unit.assignments.vob], i < PEOPLE / 2 ? today : tomorrow);
          await retried(async () => {
            const res = await orderer.post('/api/orders', body);
            answered('POST /api/orders', res);
            if (res.status === 201) return true;
            return res.status === 409 && (await ordersOf(person.id)).length > 0;
          }, failures);
        }
      }),
    );
    const placedHeld = await placing.killed;
    const placedKills = kills;
    progress(`placed ${PEOPLE} orders, ${kills} backends killed so far`);

    // Attesting in batches of ten, one signature each, retried until the batch is decided; after
    // every failure the batch must be decided whole or not at all.
    const attestant = await signedIn(team.attestant.userId, failures);
    const ids = (
      await read<{ id: string }>(`SELECT id FROM vmu_order WHERE end_user_id = ANY($1) ORDER BY id`, [
        people.map((p) => p.id),
      ])
    ).map((r) => r.id);
    let partlyDecided = 0;
    const attesting = killHeldBack('attesting');
    await attesting.armed;
    for (let b = 0; b < ids.length; b += BATCH) {
      const batch = ids.slice(b, b + BATCH);
      const decided = async () =>
        (
          await read<{ n: number }>(
            `SELECT count(*)::int AS n FROM vmu_order WHERE id = ANY($1) AND status <> 'AWAITING_ATTEST'`,
            [batch],
          )
        )[0].n;
      let requestId: string | undefined;
      await retried(async () => {
        const before = await decided();
        if (before !== 0 && before !== batch.length) partlyDecided++;
        if (before === batch.length) return true;
        if (!requestId) {
          const res = await attestant.post('/api/attest/sign-requests', {
            orderIds: batch,
            decision: 'APPROVE',
          });
          answered('POST /api/attest/sign-requests', res);
          if (res.status !== 201) return false;
          requestId = ((await res.json()) as { requestId: string }).requestId;
        }
        const certificates = await attestant.get(`/api/signing/${requestId}/certificates`);
        answered('GET /api/signing/:id/certificates', certificates);
        if (certificates.status !== 200) return false;
        const [certificate] = (await certificates.json()) as { id: string }[];
        const res = await attestant.post(`/api/signing/${requestId}/sign`, {
          certificateId: certificate.id,
          pin: '1234',
        });
        answered('POST /api/signing/:id/sign', res);
        // A request refused as used or failed: a new one next time (the batch is then checked).
        if (res.status >= 400 && res.status < 500) requestId = undefined;
        return false;
      }, failures);
    }
    const attestHeld = await attesting.killed;
    const attestKills = kills - placedKills;
    progress(`attested ${ids.length} orders, ${kills} backends killed so far`);

    // Carrying out: tomorrow comes (the approved orders' date moved to today, as midnight would),
    // and the server's scheduler carries them out in batches of five, ticking every second.
    const carrying = killHeldBack('carrying out');
    await carrying.armed;
    await read(`UPDATE vmu_order SET start_date = $2 WHERE end_user_id = ANY($1) AND status = 'APPROVED'`, [
      people.map((p) => p.id),
      today,
    ]);
    await retried(async () => {
      const [{ n }] = await read<{ n: number }>(
        `SELECT count(*)::int AS n FROM vmu_order WHERE end_user_id = ANY($1) AND status <> 'COMPLETED'`,
        [people.map((p) => p.id)],
      );
      if (n > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      return n === 0;
    }, failures);
    const carryHeld = await carrying.killed;
    await stopKillingNow();
    clearInterval(report);
    const carryKills = kills - placedKills - attestKills;
    expect(server.child?.exitCode).toBeNull();

    // One order per person, carried out, with its one line, holding, mail and event each.
    const checked = await createAppOn(url);
    try {
      const count = async (sql: string) =>
        (await checked.dataSource.query<{ n: number }[]>(sql, [people.map((p) => p.id)]))[0].n;
      const perPerson = await checked.dataSource.query<{ n: number }[]>(
        `SELECT count(o.id)::int AS n FROM unnest($1::uuid[]) p(id) LEFT JOIN vmu_order o ON o.end_user_id = p.id
          GROUP BY p.id`,
        [people.map((p) => p.id)],
      );
      expect(perPerson.filter((p) => p.n !== 1)).toEqual([]);
      const completed = await count(
        `SELECT count(*)::int AS n FROM vmu_order WHERE end_user_id = ANY($1) AND status = 'COMPLETED'`,
      );
      expect(completed).toBe(PEOPLE);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM vmu_order_item WHERE end_user_id = ANY($1) AND status = 'DONE'`,
        ),
      ).toBe(PEOPLE);
      expect(
        await count(
          `SELECT count(*)::int AS n FROM held_assignment WHERE person_id = ANY($1) AND valid_to IS NULL`,
        ),
      ).toBe(PEOPLE);
      const ofPeople = `SELECT id::text FROM vmu_order WHERE end_user_id = ANY($1)`;
      for (const action of ['ORDER_PLACED', 'ORDER_APPROVED', 'ORDER_COMPLETED']) {
        expect(
          await count(
            `SELECT count(*)::int AS n FROM audit_event WHERE action = '${action}' AND entity_id IN (${ofPeople})`,
          ),
        ).toBe(PEOPLE);
      }
      expect(
        await count(
          `SELECT count(*)::int AS n FROM mail_outbox
            WHERE template = 'ORDER_COMPLETED' AND related_id IN (${ofPeople})`,
        ),
      ).toBe(PEOPLE);
      expect(partlyDecided).toBe(0);
      // A request the outage got in the way of is refused as unavailable (503), never as a 500;
      // the errors the server's log names say which ones were not.
      const errors = new Map<string, number>();
      for (const [, error] of server.log.matchAll(/\b((?:\w+Error|error): [^\n"\\]{1,80})/g)) {
        errors.set(error, (errors.get(error) ?? 0) + 1);
      }
      expect({ answers500: [...statuses.keys()].filter((key) => key.endsWith(' 500')), errors }).toEqual({
        answers500: [],
        errors,
      });
      const chain = await checked.app.get(AuditService).verify();
      expect(chain.ok).toBe(true);

      const held = (h: HeldKill) => `backend ${h.pid} in transaction ${h.xid} at "${h.query}…"`;
      console.log(
        `PostgreSQL connections killed: ${kills} backends terminated (${placedKills} while placing, ` +
          `${attestKills} while attesting, ${carryKills} while carrying out; each phase's first transaction ` +
          `killed mid way after writing its orders: placing ${held(placedHeld)}, attesting ${held(attestHeld)}, ` +
          `carrying out ${held(carryHeld)}), the server process up throughout; ` +
          `answers: ${list(statuses)}; failed attempts retried: ${list(failures)}; result: ${PEOPLE} orders, ` +
          `one per person, ${completed} carried out, ${PEOPLE} holdings, ${PEOPLE} mails, no batch decided in part, ` +
          `audit chain whole (${chain.count - eventsBefore} new events)`,
      );
    } finally {
      await checked.close();
    }
    // Every phase lost connections while its work was in flight (at least its held-back one).
    expect({ placing: placedKills > 0, attesting: attestKills > 0, carryingOut: carryKills > 0 }).toEqual({
      placing: true,
      attesting: true,
      carryingOut: true,
    });
  }, 240_000);
});
