import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { addDays } from './orders-support.js';
import {
  attest,
  newAdministrator,
  newHolding,
  newOrder,
  newPerson,
  newTeam,
  type PersonMade,
  type Team,
} from '../factories/index.js';
import {
  type DumpableServer,
  dumpDatabase,
  findDumpableServer,
  restoreDatabase,
} from '../support/pg-tools.js';
import { signIn } from '../support/sign-in.js';
import { createAppOn, createEmptyDatabase, dropDatabaseOn } from '../support/standalone-app.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Backup and restore (README, "Backup and restore"): a database with real data — a team, its
 * delegations, orders carried out, rejected, waiting and approved for later, their holdings,
 * mails and signatures — is dumped with `pg_dump -Fc`, restored with `pg_restore` into a fresh
 * database, and the portal started on the copy finds the audit chain whole (AuditService.verify
 * and GET /api/audit-events/verify), every table with the rows it had, and carries on: the
 * waiting order is attested and carried out, a new order gets the next number.
 *
 * pg_dump refuses a server newer than itself, and the suite's own server is usually embedded
 * PostgreSQL 18 while Debian's client is 15: the test then works on the system server
 * (127.0.0.1:5432, or BACKUP_TEST_DATABASE_URL). In CI it must run; elsewhere, with no server
 * pg_dump can dump, it says why and passes nothing off as tested.
 */
const found = await findDumpableServer();
const target = 'none' in found ? undefined : found;
if (!target) {
  const message = `backup-restore: not run, ${(found as { none: string }).none}`;
  if (process.env.CI) throw new Error(`${message} (CI must run it: .ci/run provides PostgreSQL 15)`);
  console.warn(message);
}

/** Rows of every table of the schema, and the orders by status: what a restore must give back. */
async function inventory(t: TestApp): Promise<Record<string, number>> {
  const tables = await t.dataSource.query<{ name: string }[]>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  const statuses = await t.dataSource.query<{ status: string; n: number }[]>(
    `SELECT status, count(*)::int AS n FROM vmu_order GROUP BY status`,
  );
  for (const { status, n } of statuses) counts[`vmu_order:${status}`] = n;
  return counts;
}

(target ? describe : describe.skip)('backup and restore with pg_dump/pg_restore', () => {
  const server = target as DumpableServer;
  const suffix = randomBytes(5).toString('hex');
  const sourceName = `beh_backup_source_${suffix}`;
  const restoredName = `beh_backup_restored_${suffix}`;
  let dir: string;
  let source: TestApp | undefined;
  let restored: TestApp | undefined;
  let team: Team;
  let admin: PersonMade;
  let waitingOrderId: string;
  let before: Record<string, number>;
  let chain: { ok: boolean; count: number };

  beforeAll(async () => {
    console.log(`backup-restore: on ${server.why} with pg_dump ${server.tools.major}`);
    dir = await mkdtemp(path.join(os.tmpdir(), 'beh-backup-'));
    source = await createAppOn(await createEmptyDatabase(server.serverUrl, sourceName));
    const t = source;
    const today = t.app.get(Clock).today();
    admin = await newAdministrator(t);
    team = await newTeam(t);
    const nurses = await Promise.all([0, 1, 2, 3, 4, 5].map(() => newPerson(t, { unit: team.unit })));
    // Carried out at once (approved, due today): holdings, mails, signatures, events.
    for (const nurse of nurses.slice(0, 4))
      await newHolding(t, { holder: nurse, unit: team.unit, assignment: 'vob' });
    await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurses[0],
      assignments: [team.unit.assignments.vob],
      type: 'REVOKE',
      decision: 'APPROVE',
    });
    await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurses[4],
      assignments: [team.unit.assignments.kval],
      decision: 'REJECT',
    });
    await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurses[5],
      assignments: [team.unit.assignments.stat],
      startDate: addDays(today, 10),
      decision: 'APPROVE',
    });
    waitingOrderId = (
      await newOrder(t, {
        orderer: team.orderer,
        attestant: team.attestant,
        endUser: nurses[5],
        assignments: [team.unit.assignments.kval],
      })
    ).id;
    before = await inventory(t);
    chain = (await t.app.get(AuditService).verify()) as { ok: boolean; count: number };
    // The source is left as production leaves it: running. pg_dump reads one snapshot.
  }, 120_000);

  afterAll(async () => {
    await source?.close();
    await restored?.close();
    await dropDatabaseOn(server.serverUrl, sourceName).catch(() => undefined);
    await dropDatabaseOn(server.serverUrl, restoredName).catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('restores a dump into a fresh database with the audit chain whole and every order counted', async () => {
    expect(chain.ok).toBe(true);
    expect(before['vmu_order:COMPLETED']).toBe(5);
    expect(before['vmu_order:REJECTED']).toBe(1);
    expect(before['vmu_order:APPROVED']).toBe(1);
    expect(before['vmu_order:AWAITING_ATTEST']).toBe(1);

    const file = path.join(dir, 'beh.dump');
    const sourceUrl = (source!.dataSource.options as { url: string }).url;
    await dumpDatabase(server.tools, sourceUrl, file);
    const { size } = await stat(file);
    const restoredUrl = await createEmptyDatabase(server.serverUrl, restoredName);
    await restoreDatabase(server.tools, restoredUrl, file);
    restored = await createAppOn(restoredUrl);
    const t = restored;

    const after = await inventory(t);
    expect(after).toEqual(before);
    expect(await t.app.get(AuditService).verify()).toEqual({ ok: true, count: chain.count });
    const client = await signIn(t, admin.userId);
    const check = await client.get('/api/audit-events/verify').expect(200);
    expect(check.body).toMatchObject({ ok: true, covered: { complete: true } });
    console.log(
      `backup-restore: dump of ${size} bytes; restored ${Object.keys(before).filter((k) => !k.includes(':')).length} ` +
        `tables, ${before.vmu_order} orders (${before['vmu_order:COMPLETED']} carried out), ` +
        `${before.held_assignment} holdings, ${before.mail_outbox} mails, audit chain of ${chain.count} events intact`,
    );

    // The copy carries on where the original stood: the signing keys open, the waiting order is
    // approved and carried out, the order number sequence continues past every number taken.
    await attest(t, team.attestant, [waitingOrderId], 'APPROVE');
    const [{ status }] = await t.dataSource.query<{ status: string }[]>(
      `SELECT status FROM vmu_order WHERE id = $1`,
      [waitingOrderId],
    );
    expect(status).toBe('COMPLETED');
    const nurse = await newPerson(t, { unit: team.unit });
    const next = await newOrder(t, {
      orderer: team.orderer,
      attestant: team.attestant,
      endUser: nurse,
      assignments: [team.unit.assignments.vob],
    });
    const [{ highest }] = await source!.dataSource.query<{ highest: string }[]>(
      `SELECT max(order_number) AS highest FROM vmu_order`,
    );
    expect(next.orderNumber > highest).toBe(true);
    const later = (await t.app.get(AuditService).verify()) as { ok: boolean; count: number };
    expect(later.ok).toBe(true);
    expect(later.count).toBeGreaterThan(chain.count);
  }, 120_000);
});
