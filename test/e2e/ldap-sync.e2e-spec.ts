import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DirectorySyncService } from '../../server/src/directory/ldap/directory-sync.service.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { basicTree, commissionDn, engagementDn, modify, personDn, remove, T } from '../ldap/fixtures.js';
import { type Client, signIn } from '../support/sign-in.js';
import { LDAP_BEH_DN, LDAP_BEH_PASSWORD, type RunningSlapd, startSlapd } from '../support/slapd.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The directory read from a real OpenLDAP (issue 15, point 2): full and incremental sync,
 * inactivation on the next full pass, broken entries reported and skipped, one sync at a time,
 * the runs and "Synka nu" for administrators, and BEH's own directory edits refused.
 */
/** admin1 and karlu1 as test/ldap/demo.ldif has them (the seeded rows' values). */
const PERSONAS = `dn: hsaIdentity=SE2321000131-P000000000001,ou=Personal,dc=kiv,dc=test
objectClass: inetOrgPerson
objectClass: hsaPerson
hsaIdentity: SE2321000131-P000000000001
uid: admin1
givenName: Alva
sn: Adminsson
cn: Alva Adminsson
personalIdentityNumber: 198002141029
title:: U3lzdGVtZsO2cnZhbHRhcmU=
mail: alva.adminsson@vgr.example

dn: hsaIdentity=SE2321000131-P000000000101,ou=Personal,dc=kiv,dc=test
objectClass: inetOrgPerson
objectClass: hsaPerson
hsaIdentity: SE2321000131-P000000000101
uid: karlu1
givenName: Karin
sn: Lund
cn: Karin Lund
personalIdentityNumber: 197205232247
title: Verksamhetschef
mail: karin.lund@vgr.example
`;

describe('directory sync from LDAP', () => {
  let slapd: RunningSlapd;
  let t: TestApp;
  let sync: DirectorySyncService;
  let admin: Client;

  const one = async <R>(sql: string, params: unknown[] = []): Promise<R> =>
    ((await t.dataSource.query(sql, params)) as R[])[0];

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.load(basicTree());
    // Those who sign in below are in KIV too: a full pass makes whoever KIV lacks inactive, and an
    // inactive person cannot sign in (rule 39).
    await slapd.load(PERSONAS);
    // modifyTimestamp has whole seconds: the first full run starts two seconds after the load, so
    // the tree is older than the increments' margin of one second, whatever the machine's speed.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    t = await createTestApp({
      DIRECTORY_SOURCE: 'ldap',
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: LDAP_BEH_DN,
      LDAP_PASSWORD: LDAP_BEH_PASSWORD,
      LDAP_BASE_DN: slapd.baseDn,
      // The tree was loaded seconds before the first run: a margin of one second leaves it out of increments.
      LDAP_SYNC_MARGIN_SECONDS: '1',
    });
    sync = t.app.get(DirectorySyncService);
    admin = await signIn(t, 'admin1');
  });

  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  it('a full sync creates providers, units, persons, engagements and commissions, and reports broken entries', async () => {
    const outcome = await sync.run('MANUAL', 'FULL');
    expect(outcome).toMatchObject({ status: 'DONE', kind: 'FULL', error: null });
    // 1 provider + 1 administration + 2 units + 4 persons + 4 engagements + 2 commissions.
    expect(outcome!.read).toBe(16);
    expect(outcome!.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          dn: expect.stringMatching(/P4/),
          message: expect.stringMatching(/personnummer/i),
        }),
        expect.objectContaining({ dn: expect.stringMatching(/G22/), message: expect.stringMatching(/E9/) }),
      ]),
    );
    expect(outcome!.errors).toHaveLength(2);
    // 1 + 1 + 2 + 3 + 3 + 2 created; the heads set afterwards are the same units.
    expect(outcome!.created).toBe(12);

    const p1 = await one<Record<string, unknown>>(`SELECT * FROM person WHERE hsa_id = $1`, [`${T}-P1`]);
    expect(p1).toMatchObject({
      user_id: 'ldt1',
      first_name: 'Förnamn1',
      last_name: 'Efternamn1',
      active: true,
    });
    expect(await one(`SELECT protected_identity FROM person WHERE hsa_id = $1`, [`${T}-P3`])).toEqual({
      protected_identity: true,
    });
    expect(await one(`SELECT count(*)::int AS n FROM person WHERE hsa_id = $1`, [`${T}-P4`])).toEqual({
      n: 0,
    });
    const unit = await one<Record<string, unknown>>(
      `SELECT c.name, c.head_of_unit_id = p.id AS head_ok, a.code
         FROM care_unit c JOIN administration a ON a.id = c.administration_id
         JOIN person p ON p.hsa_id = $2 WHERE c.hsa_id = $1`,
      [`${T}-E1`, `${T}-P1`],
    );
    expect(unit).toEqual({ name: 'Testenheten', head_ok: true, code: 'LDT1' });
    const g3 = await one(`SELECT valid_from::text, valid_to::text FROM engagement WHERE hsa_id = $1`, [
      `${T}-G31`,
    ]);
    expect(g3).toEqual({ valid_from: '2020-01-01', valid_to: '2099-12-31' });
    const vob = await one<Record<string, unknown>>(
      `SELECT name, purpose, kind, rights FROM assignment WHERE hsa_id = $1`,
      [`${T}-F1`],
    );
    expect(vob).toEqual({
      name: 'VoB SJF',
      purpose: 'CARE_AND_TREATMENT',
      kind: 'GENERAL',
      rights: ['Läsa;alla;SJF', 'Skriva;egen;SJF'],
    });
    const members = await t.dataSource.query<{ person_hsa_id: string }[]>(
      `SELECT l.person_hsa_id FROM ldap_commission_member l JOIN assignment a ON a.id = l.assignment_id
        WHERE a.hsa_id = $1 ORDER BY 1`,
      [`${T}-F1`],
    );
    expect(members.map((m) => m.person_hsa_id)).toEqual([`${T}-P1`, `${T}-P2`]);
    // The demo seed's persons are not in this directory: inactive, never deleted.
    expect(await one(`SELECT active FROM person WHERE user_id = 'nilbo4'`)).toEqual({ active: false });

    // The same directory again: nothing new, nothing changed.
    const again = await sync.run('MANUAL', 'FULL');
    expect(again).toMatchObject({ status: 'DONE', created: 0, changed: 0, inactivated: 0 });

    // The head of an administration is BEH's own: a pass that updates the administration (its name
    // changed in BEH's copy, KIV's wins) keeps it.
    await t.dataSource.query(
      `UPDATE administration SET name = 'Ändrad i BEH', head_person_id = (SELECT id FROM person WHERE hsa_id = $1)
        WHERE code = 'LDT1'`,
      [`${T}-P1`],
    );
    expect(await sync.run('MANUAL', 'FULL')).toMatchObject({ status: 'DONE', changed: 1 });
    expect(
      await one(
        `SELECT a.name <> 'Ändrad i BEH' AS renamed, p.hsa_id AS head
           FROM administration a JOIN person p ON p.id = a.head_person_id WHERE a.code = 'LDT1'`,
      ),
    ).toEqual({ renamed: true, head: `${T}-P1` });
  });

  it('an incremental sync reads only what changed since the last run', async () => {
    await slapd.load(
      modify(personDn(2), 'sn', 'Bytt-Efternamn') +
        modify(commissionDn('Testenheten', 'VoB SJF'), 'hsaCommissionMember', `${T}-P1`, `${T}-P3`) +
        modify(engagementDn(1), 'hsaEndDate', '20991130'),
    );
    const outcome = await sync.run('MANUAL', 'INCREMENTAL');
    expect(outcome).toMatchObject({ status: 'DONE', kind: 'INCREMENTAL', created: 0, changed: 3 });
    // The three changed entries, and the parents they name (read by DN, not counted).
    expect(outcome!.read).toBe(3);
    expect(await one(`SELECT last_name FROM person WHERE hsa_id = $1`, [`${T}-P2`])).toEqual({
      last_name: 'Bytt-Efternamn',
    });
    expect(await one(`SELECT valid_to::text FROM engagement WHERE hsa_id = $1`, [`${T}-G11`])).toEqual({
      valid_to: '2099-11-30',
    });
    const members = await t.dataSource.query<{ person_hsa_id: string }[]>(
      `SELECT l.person_hsa_id FROM ldap_commission_member l JOIN assignment a ON a.id = l.assignment_id
        WHERE a.hsa_id = $1 ORDER BY 1`,
      [`${T}-F1`],
    );
    expect(members.map((m) => m.person_hsa_id)).toEqual([`${T}-P1`, `${T}-P3`]);
    const run = await one<Record<string, unknown>>(
      `SELECT kind, since FROM directory_sync_run WHERE id = $1`,
      [outcome!.runId],
    );
    expect(run.kind).toBe('INCREMENTAL');
    expect(run.since).toBeInstanceOf(Date);
  });

  it('what LDAP deleted becomes inactive (engagements end) on the next full pass, never deleted', async () => {
    await slapd.load(remove(engagementDn(3), personDn(3), commissionDn('Testenheten', 'Statistik VE')));
    const incremental = await sync.run('MANUAL', 'INCREMENTAL');
    expect(incremental).toMatchObject({ status: 'DONE', inactivated: 0 });
    expect(await one(`SELECT active FROM person WHERE hsa_id = $1`, [`${T}-P3`])).toEqual({ active: true });

    const full = await sync.run('MANUAL', 'FULL');
    expect(full).toMatchObject({ status: 'DONE', inactivated: 3 });
    expect(await one(`SELECT active FROM person WHERE hsa_id = $1`, [`${T}-P3`])).toEqual({ active: false });
    expect(await one(`SELECT active FROM assignment WHERE hsa_id = $1`, [`${T}-F2`])).toEqual({
      active: false,
    });
    const ended = await one<{ valid_to: string }>(`SELECT valid_to::text FROM engagement WHERE hsa_id = $1`, [
      `${T}-G31`,
    ]);
    const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString('sv-SE', {
      timeZone: 'Europe/Stockholm',
    });
    expect(ended.valid_to).toBe(yesterday);

    // Back in LDAP: active again.
    await slapd.load(
      basicTree()
        .split('\n\n')
        .filter((e) => e.includes(`hsaIdentity: ${T}-P3\n`) || e.startsWith(`dn: ${personDn(3)}`))
        .join('\n\n') + '\n\n',
    );
    await sync.run('MANUAL', 'INCREMENTAL');
    expect(await one(`SELECT active FROM person WHERE hsa_id = $1`, [`${T}-P3`])).toEqual({ active: true });
  });

  it('runs one sync at a time: while another instance syncs, none starts here', async () => {
    // Another instance syncing: it holds the sync's lock on a connection of its own.
    const other = t.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('beh-directory-sync'))`);
      const runs = await one<{ n: number }>(`SELECT count(*)::int AS n FROM directory_sync_run`);
      expect(await sync.run('MANUAL', 'FULL')).toBeUndefined();
      expect(await one(`SELECT count(*)::int AS n FROM directory_sync_run`)).toEqual(runs);
      await other.query(`SELECT pg_advisory_unlock(hashtext('beh-directory-sync'))`);
    } finally {
      await other.release();
    }
    // Two started together here: the one that takes the lock runs, the other does not start.
    const [a, b] = await Promise.all([
      sync.start('MANUAL', 'FULL', null),
      sync.start('MANUAL', 'FULL', null),
    ]);
    expect([a, b].filter((o) => o === undefined)).toHaveLength(1);
    expect(await [a, b].find((o) => o !== undefined)?.done).toMatchObject({ status: 'DONE' });
  });

  it('the scheduler runs what is due: nothing right after a full pass', async () => {
    const before = await one<{ n: number }>(`SELECT count(*)::int AS n FROM directory_sync_run`);
    await t.app.get(SchedulerService).runTick();
    expect(await one(`SELECT count(*)::int AS n FROM directory_sync_run`)).toEqual(before);
    // The last run long ago: the tick runs an incremental one.
    await t.dataSource.query(`UPDATE directory_sync_run SET started_at = started_at - interval '1 hour'`);
    await t.app.get(SchedulerService).runTick();
    expect(
      await one(`SELECT kind, trigger, status FROM directory_sync_run ORDER BY started_at DESC LIMIT 1`),
    ).toEqual({ kind: 'INCREMENTAL', trigger: 'SCHEDULER', status: 'DONE' });
  });

  it('refuses BEH’s own edits of directory data with 409 in ldap mode; reads still work', async () => {
    const { id } = await one<{ id: string }>(`SELECT id FROM person WHERE hsa_id = $1`, [`${T}-P1`]);
    const res = await admin.put(`/api/persons/${id}`).send({ firstName: 'Annat' }).expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:beh:problem:directory-read-only',
      code: 'DIRECTORY_READ_ONLY',
      detail: expect.stringMatching(/KIV/),
    });
    await admin.post('/api/care-units').send({}).expect(409);
    // The head of an administration is BEH's own: written alone, it is let through; with KIV's columns, not.
    const { id: ldt1 } = await one<{ id: string }>(`SELECT id FROM administration WHERE code = 'LDT1'`);
    await admin.put(`/api/administrations/${ldt1}`).send({ name: 'Annat', headPersonId: null }).expect(409);
    const headed = await admin.put(`/api/administrations/${ldt1}`).send({ headPersonId: id }).expect(200);
    expect(headed.body).toMatchObject({ code: 'LDT1', headPersonId: id });
    await admin.put(`/api/administrations/${ldt1}`).send({}).expect(409);
    await admin.delete(`/api/engagements/${id}`).expect(409);
    await admin.post('/api/assignments').send({}).expect(409);
    await admin.post('/api/care-providers').send({}).expect(409);
    await admin.post('/api/administrations').send({}).expect(409);
    await admin.get(`/api/persons/${id}`).expect(200);
    // Not allowed at all stays 403, whatever the mode.
    const karin = await signIn(t, 'karlu1');
    await karin.put(`/api/persons/${id}`).send({ firstName: 'Annat' }).expect(403);
    expect((await admin.get('/api/directory-source').expect(200)).body).toEqual({
      source: 'ldap',
      readOnly: true,
    });
  });

  it('shows the runs to administrators only, and "Synka nu" starts a run', async () => {
    const list = await admin.get('/api/directory-sync-runs').expect(200);
    expect(list.headers['content-range']).toMatch(/^directory-sync-runs 0-\d+\/\d+$/);
    const runs = list.body as Record<string, unknown>[];
    expect(runs[0]).toMatchObject({ status: 'DONE', readCount: expect.any(Number) });
    expect(runs.some((r) => (r.errors as unknown[]).length === 2)).toBe(true);

    const karin = await signIn(t, 'karlu1');
    await karin.get('/api/directory-sync-runs').expect(403);
    await karin.post('/api/directory-sync-runs').send({}).expect(403);

    const started = await admin.post('/api/directory-sync-runs').send({}).expect(202);
    expect(started.body).toMatchObject({ kind: 'FULL', trigger: 'MANUAL', status: 'RUNNING' });
    let run: Record<string, unknown> = started.body as Record<string, unknown>;
    for (let i = 0; i < 100 && run.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await admin.get(`/api/directory-sync-runs/${String(run.id)}`).expect(200)).body as Record<
        string,
        unknown
      >;
    }
    expect(run).toMatchObject({ status: 'DONE', requestedByName: 'Alva Adminsson', errorCount: 2 });
    await admin.post('/api/directory-sync-runs').send({ kind: 'SOMETIMES' }).expect(400);
  });

  it('a run with LDAP down fails as a whole, recorded with the reason', async () => {
    await slapd.pause();
    try {
      const outcome = await sync.run('MANUAL', 'INCREMENTAL');
      expect(outcome).toMatchObject({ status: 'FAILED', error: expect.any(String) });
      const row = await one(
        `SELECT status, error IS NOT NULL AS has_error FROM directory_sync_run WHERE id = $1`,
        [outcome!.runId],
      );
      expect(row).toEqual({ status: 'FAILED', has_error: true });
    } finally {
      await slapd.start();
    }
  });
});
