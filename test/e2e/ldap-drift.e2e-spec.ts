import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { DirectorySyncService } from '../../server/src/directory/ldap/directory-sync.service.js';
import { reconcileDrift } from '../../server/src/directory/ldap/drift.js';
import { LdapWritesJob } from '../../server/src/scheduler/ldap-writes.job.js';
import { basicTree, commissionDn, modify, T } from '../ldap/fixtures.js';
import { signIn } from '../support/sign-in.js';
import { LDAP_BEH_DN, LDAP_BEH_PASSWORD, type RunningSlapd, startSlapd } from '../support/slapd.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { person, place, send, VOB_SOL, withoutLocalAccessFlags } from './orders-support.js';
import { approve, freshClient, setClock } from './scheduler-support.js';

const TODAY = '2026-11-23';
const NILS = person('nilbo4');
const UPPDRAG = 'ou=Uppdrag,dc=kiv,dc=test';
/** An HSA-id KIV has that BEH knows no person by. */
const STRANGER = 'SE2321000131-E000000099999';

interface DriftRow {
  personHsaId: string;
  personId: string | null;
  kind: string;
  firstSeenAt: Date;
  lastSeenAt: Date;
  resolvedAt: Date | null;
}

/**
 * Drift between KIV and BEH's holdings (issue 15, Write back): after a sync has recorded the
 * members each commission had in KIV (ldap_commission_member, the sync's contract), the
 * reconcile lists members added or removed in KIV by someone else, never changing BEH's holdings,
 * and leaves out pairs whose write back is under way.
 */
describe('LDAP drift: KIV against BEH holdings', () => {
  let slapd: RunningSlapd;
  let t: TestApp;
  const hsa = new Map<string, string>();
  let holders: string[] = [];

  /** What a sync run records: the members KIV had for the commission when it read it. */
  const kivHas = async (assignmentId: string, members: string[], seenAt: string) => {
    await t.dataSource.query(`DELETE FROM ldap_commission_member WHERE assignment_id = $1`, [assignmentId]);
    await t.dataSource.query(
      `INSERT INTO ldap_commission_member (assignment_id, person_hsa_id, seen_at)
       SELECT $1, unnest($2::varchar[]), $3`,
      [assignmentId, members, seenAt],
    );
  };

  const reconcile = (syncStartedAt: string) =>
    reconcileDrift(t.dataSource, t.app.get(Clock), new Date(syncStartedAt));

  const drift = (assignmentId: string, open = true) =>
    t.dataSource.query<DriftRow[]>(
      `SELECT person_hsa_id AS "personHsaId", person_id AS "personId", kind, first_seen_at AS "firstSeenAt",
              last_seen_at AS "lastSeenAt", resolved_at AS "resolvedAt"
         FROM directory_drift WHERE assignment_id = $1 AND (resolved_at IS NULL) = $2
        ORDER BY kind, person_hsa_id, first_seen_at`,
      [assignmentId, open],
    );

  const heldCount = async () =>
    (await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM held_assignment`))[0].n;

  beforeAll(async () => {
    slapd = await startSlapd();
    t = await createTestApp({
      DIRECTORY_SOURCE: 'ldap',
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: LDAP_BEH_DN,
      LDAP_PASSWORD: LDAP_BEH_PASSWORD,
      LDAP_BASE_DN: 'dc=kiv,dc=test',
      LDAP_TIMEOUT_SECONDS: '3',
    });
    await withoutLocalAccessFlags(t);
    const rows = await t.dataSource.query<{ id: string; hsaId: string }[]>(
      `SELECT id, hsa_id AS "hsaId" FROM assignment WHERE id = $1
       UNION ALL SELECT id, hsa_id FROM person WHERE id = ANY($2::uuid[])`,
      [VOB_SOL, [NILS]],
    );
    for (const r of rows) hsa.set(r.id, r.hsaId);
    await slapd.load(
      [
        `dn: ${UPPDRAG}`,
        'objectClass: organizationalUnit',
        'ou: Uppdrag',
        '',
        `dn: cn=${hsa.get(VOB_SOL)},${UPPDRAG}`,
        'objectClass: hsaCommission',
        `cn: ${hsa.get(VOB_SOL)}`,
        `hsaIdentity: ${hsa.get(VOB_SOL)}`,
        'hsaCommissionPurpose: Vård och behandling',
        '',
      ].join('\n'),
    );
    setClock(t, TODAY);
    holders = (
      await t.dataSource.query<{ hsaId: string }[]>(
        `SELECT DISTINCT p.hsa_id AS "hsaId" FROM held_assignment h JOIN person p ON p.id = h.person_id
          WHERE h.assignment_id = $1 AND h.valid_from <= $2 AND (h.valid_to IS NULL OR h.valid_to >= $2)
          ORDER BY 1`,
        [VOB_SOL, TODAY],
      )
    ).map((r) => r.hsaId);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  it('reports members added and removed in KIV by someone else, and leaves the holdings alone', async () => {
    expect(holders.length).toBeGreaterThan(1);
    expect(holders).not.toContain(hsa.get(NILS));
    const [gone, ...kept] = holders;
    const held = await heldCount();
    setClock(t, `${TODAY}T10:00:00Z`);
    await kivHas(VOB_SOL, [...kept, STRANGER, hsa.get(NILS) as string], `${TODAY}T09:59:00Z`);
    expect(await reconcile(`${TODAY}T09:59:00Z`)).toMatchObject({ resolved: 0 });

    const first = await drift(VOB_SOL);
    expect(first).toHaveLength(3);
    expect(first.map(({ personHsaId, personId, kind }) => ({ personHsaId, personId, kind }))).toEqual(
      expect.arrayContaining([
        { personHsaId: hsa.get(NILS), personId: NILS, kind: 'ADDED_ELSEWHERE' },
        { personHsaId: STRANGER, personId: null, kind: 'ADDED_ELSEWHERE' },
        { personHsaId: gone, personId: expect.any(String) as unknown as string, kind: 'REMOVED_ELSEWHERE' },
      ]),
    );
    expect(await heldCount()).toBe(held);

    // Seen again at the next sync: the same rows, their last sighting moved on.
    setClock(t, `${TODAY}T11:00:00Z`);
    expect(await reconcile(`${TODAY}T10:59:00Z`)).toMatchObject({ opened: 0, resolved: 0 });
    const again = await drift(VOB_SOL);
    expect(again).toHaveLength(3);
    for (const [i, row] of again.entries()) {
      expect(row.firstSeenAt).toEqual(first[i].firstSeenAt);
      expect(row.lastSeenAt).toEqual(new Date(`${TODAY}T11:00:00Z`));
    }

    // The administrators' grid.
    const admin = await signIn(t, 'admin1');
    const list = await admin
      .get('/api/directory-drift')
      .query({ filter: JSON.stringify({ open: true, assignmentId: VOB_SOL }) })
      .expect(200);
    expect(list.body).toHaveLength(3);
    expect(list.body).toContainEqual(
      expect.objectContaining({
        kind: 'ADDED_ELSEWHERE',
        personHsaId: hsa.get(NILS),
        personName: 'Nils Boström (nilbo4)',
        assignmentName: 'VoB SJF',
        careUnitName: 'Vårdcentralen Solgläntan',
        open: true,
      }),
    );
    await (await signIn(t, 'eriho2')).get('/api/directory-drift').expect(403);
    await admin
      .get('/api/directory-drift')
      .query({ filter: JSON.stringify({ kind: 'SOMETHING' }) })
      .expect(400);
    await admin.get('/api/directory-drift/not-a-uuid').expect(404);

    // KIV put back as BEH has it: every difference resolved, kept for the record.
    setClock(t, `${TODAY}T12:00:00Z`);
    await kivHas(VOB_SOL, holders, `${TODAY}T11:59:00Z`);
    expect(await reconcile(`${TODAY}T11:59:00Z`)).toMatchObject({ resolved: 3 });
    expect(await drift(VOB_SOL)).toEqual([]);
    expect((await drift(VOB_SOL, false)).map((r) => r.resolvedAt)).toEqual(
      Array(3).fill(new Date(`${TODAY}T12:00:00Z`)),
    );
    expect(await heldCount()).toBe(held);
  });

  it('a member whose write back is under way, or written after the sync read KIV, is not drift', async () => {
    setClock(t, `${TODAY}T13:00:00Z`);
    const [{ id }] = await place(await freshClient(t, 'eriho2'), send('nilbo4', [VOB_SOL], TODAY));
    expect(await approve(t, id, true)).toBe(true);
    // The sync read KIV before the write: Nils is held by BEH, KIV does not have him yet.
    await kivHas(VOB_SOL, holders, `${TODAY}T13:00:00Z`);
    await reconcile(`${TODAY}T12:59:00Z`);
    expect(await drift(VOB_SOL)).toEqual([]);

    // Written now; a sync that began before the write still did not see it.
    setClock(t, `${TODAY}T13:05:00Z`);
    expect(await t.app.get(LdapWritesJob).run()).toMatchObject({ done: 1, completed: 1 });
    await reconcile(`${TODAY}T13:04:00Z`);
    expect(await drift(VOB_SOL)).toEqual([]);

    // A sync that began after the write and still lacks him: someone removed him in KIV.
    setClock(t, `${TODAY}T14:00:00Z`);
    await reconcile(`${TODAY}T13:59:00Z`);
    expect(await drift(VOB_SOL)).toMatchObject([
      { personHsaId: hsa.get(NILS), personId: NILS, kind: 'REMOVED_ELSEWHERE' },
    ]);
  });
});

/** The same against what the directory sync itself records from a real slapd. */
describe('LDAP drift after a real sync', () => {
  let slapd: RunningSlapd;
  let t: TestApp;

  const openDrift = (commission: string) =>
    t.dataSource.query<{ personHsaId: string; kind: string }[]>(
      `SELECT d.person_hsa_id AS "personHsaId", d.kind FROM directory_drift d
         JOIN assignment a ON a.id = d.assignment_id
        WHERE a.hsa_id = $1 AND d.resolved_at IS NULL ORDER BY d.person_hsa_id`,
      [commission],
    );

  /** A full sync, then the reconcile as the sync's run calls it. */
  const syncAndReconcile = async () => {
    const readFrom = new Date();
    expect(await t.app.get(DirectorySyncService).run('MANUAL', 'FULL')).toMatchObject({ status: 'DONE' });
    return reconcileDrift(t.dataSource, t.app.get(Clock), readFrom);
  };

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.load(basicTree());
    t = await createTestApp({
      DIRECTORY_SOURCE: 'ldap',
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: LDAP_BEH_DN,
      LDAP_PASSWORD: LDAP_BEH_PASSWORD,
      LDAP_BASE_DN: slapd.baseDn,
    });
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  it('the first sync adopts what KIV holds; later members added or removed in KIV by someone else are drift', async () => {
    // KIV's VoB SJF has P1 and P2; BEH holds it for nobody yet. The first sync of a commission takes
    // its members as what people hold already (BEH is put in front of a directory with history).
    await syncAndReconcile();
    expect(await openDrift(`${T}-F1`)).toEqual([]);
    const holders = () =>
      t.dataSource.query<{ hsaId: string }[]>(
        `SELECT p.hsa_id AS "hsaId" FROM held_assignment h JOIN person p ON p.id = h.person_id
           JOIN assignment a ON a.id = h.assignment_id WHERE a.hsa_id = $1 ORDER BY 1`,
        [`${T}-F1`],
      );
    expect(await holders()).toEqual([{ hsaId: `${T}-P1` }, { hsaId: `${T}-P2` }]);
    // The seed's directory is gone from KIV (inactive): its holdings are no drift.
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM directory_drift d JOIN assignment a ON a.id = d.assignment_id
        WHERE NOT a.active`,
    );
    expect(n).toBe(0);

    // Someone removes P2 and adds P3 in KIV: both are drift; BEH's holdings stay as they were.
    await slapd.load(
      modify(commissionDn('Testenheten', 'VoB SJF'), 'hsaCommissionMember', `${T}-P1`, `${T}-P3`),
    );
    await syncAndReconcile();
    expect(await openDrift(`${T}-F1`)).toEqual([
      { personHsaId: `${T}-P2`, kind: 'REMOVED_ELSEWHERE' },
      { personHsaId: `${T}-P3`, kind: 'ADDED_ELSEWHERE' },
    ]);
    expect(await holders()).toEqual([{ hsaId: `${T}-P1` }, { hsaId: `${T}-P2` }]);
  });
});
