import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LeaversJob } from '../../server/src/scheduler/leavers.job.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  AVD12,
  KVAL_SOL,
  listUrl,
  person,
  SOLGLANTAN,
  STAT_SOL,
  VOB_AVD12,
  VOB_SOL,
} from './orders-support.js';
import { addDays, approve, freshClient, holdings, mails, setClock, tick } from './scheduler-support.js';

const TODAY = '2026-11-23';
const YESTERDAY = addDays(TODAY, -1);

interface SystemOrder {
  id: string;
  orderNumber: string;
  endUserId: string;
  ordererId: string;
  attestantId: string;
  status: string;
  type: string;
  startDate: string;
  assignmentIds: string[];
}

/** The orders the system placed, oldest first, with their lines' assignments. */
const systemOrders = (t: TestApp) =>
  t.dataSource.query<SystemOrder[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.end_user_id AS "endUserId", o.orderer_id AS "ordererId",
            o.attestant_id AS "attestantId", o.status, o.type, to_char(o.start_date, 'YYYY-MM-DD') AS "startDate",
            ARRAY(SELECT i.assignment_id::text FROM vmu_order_item i WHERE i.order_id = o.id
                   ORDER BY i.assignment_id) AS "assignmentIds"
       FROM vmu_order o WHERE o.placed_by_system ORDER BY o.order_number`,
  );

const engagementOf = async (t: TestApp, userId: string, careUnitId = SOLGLANTAN) => {
  const [row] = await t.dataSource.query<{ id: string }[]>(
    `SELECT id FROM engagement WHERE person_id = $1 AND care_unit_id = $2 ORDER BY valid_from LIMIT 1`,
    [person(userId), careUnitId],
  );
  return row.id;
};

const hold = (t: TestApp, userId: string, assignmentId: string, validFrom: string, validTo: string | null) =>
  t.dataSource.query(
    `INSERT INTO held_assignment (person_id, assignment_id, valid_from, valid_to) VALUES ($1, $2, $3, $4)`,
    [person(userId), assignmentId, validFrom, validTo],
  );

/** Ends an engagement as an administrator does in the grid. */
async function endEngagement(t: TestApp, engagementId: string, validTo: string | null): Promise<void> {
  const admin = await freshClient(t, 'admin1');
  await admin.put(`/api/engagements/${engagementId}`).send({ validTo }).expect(200);
}

const sorted = (ids: string[]) => [...ids].sort();

describe('leavers: an engagement ended in the grid (LEAVER_REVOKE=attest, the default)', () => {
  let t: TestApp;
  let nilsDelegation: string;
  let lindaDelegation: string;

  beforeAll(async () => {
    t = await createTestApp();
    setClock(t, TODAY);
    // Nils holds two assignments at Solgläntan, one that ends before his engagement does (a
    // time-limited grant), and one at another unit.
    await hold(t, 'nilbo4', VOB_SOL, '2025-01-01', null);
    await hold(t, 'nilbo4', KVAL_SOL, '2025-01-01', addDays(TODAY, 30));
    await hold(t, 'nilbo4', STAT_SOL, '2025-01-01', addDays(TODAY, -5));
    await hold(t, 'nilbo4', VOB_AVD12, '2025-01-01', null);
    const karin = await freshClient(t, 'karlu1');
    const grant = async (userId: string) =>
      (
        await karin
          .post('/api/delegations')
          .send({
            delegateId: person(userId),
            careUnitId: SOLGLANTAN,
            rights: ['ORDER', 'ATTEST'],
            validFrom: TODAY,
          })
          .expect(201)
      ).body.id as string;
    nilsDelegation = await grant('nilbo4');
    lindaDelegation = await grant('linma5');
  });
  afterAll(async () => {
    await t.close();
  });

  it('places nothing while no engagement has ended', async () => {
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0, leaverDelegationsEnded: 0 });
    expect(await systemOrders(t)).toEqual([]);
  });

  it('places, at the next tick, one revoke per leaver of what they hold at that unit, awaiting the head, dated the day after the end', async () => {
    await endEngagement(t, await engagementOf(t, 'nilbo4'), YESTERDAY);
    // Linda's engagement ends in a week: her revoke is placed now, dated the day after.
    await endEngagement(t, await engagementOf(t, 'linma5'), addDays(TODAY, 6));

    expect(await tick(t)).toMatchObject({ leaverRevokes: 2, leaverDelegationsEnded: 2 });
    const orders = await systemOrders(t);
    const byUser = new Map(orders.map((o) => [o.endUserId, o]));
    expect(orders).toHaveLength(2);
    expect(byUser.get(person('nilbo4'))).toMatchObject({
      type: 'REVOKE',
      status: 'AWAITING_ATTEST',
      attestantId: person('karlu1'),
      ordererId: person('karlu1'),
      startDate: TODAY,
      // Not Statistik VE (it ended before), not VoB SJF at Avdelning 12 (another unit).
      assignmentIds: sorted([VOB_SOL, KVAL_SOL]),
    });
    expect(byUser.get(person('linma5'))).toMatchObject({
      status: 'AWAITING_ATTEST',
      attestantId: person('karlu1'),
      startDate: addDays(TODAY, 7),
      assignmentIds: [VOB_SOL],
    });
    // The system placed them: an audit event with no actor.
    const events = await t.dataSource.query<{ actorId: string | null }[]>(
      `SELECT actor_id AS "actorId" FROM audit_event WHERE action = 'ORDER_PLACED' AND entity_id = ANY($1)`,
      [orders.map((o) => o.id)],
    );
    expect(events).toEqual([{ actorId: null }, { actorId: null }]);
  });

  it('shows the system as orderer in the order list, the order and the attest queue', async () => {
    const karin = await freshClient(t, 'karlu1');
    const [nils] = (await systemOrders(t)).filter((o) => o.endUserId === person('nilbo4'));
    const detail = (await karin.get(`/api/orders/${nils.id}`).expect(200)).body as Record<string, unknown>;
    expect(detail).toMatchObject({ ordererName: 'Systemet (KIV)', orderedByAttestant: false });
    const list = (await karin.get(listUrl({ scope: 'all' })).expect(200)).body as {
      id: string;
      ordererName: string;
    }[];
    expect(list.find((o) => o.id === nils.id)).toMatchObject({ ordererName: 'Systemet (KIV)' });
    const queue = (await karin.get('/api/attest/queue').expect(200)).body as {
      id: string;
      ordererName: string;
    }[];
    expect(queue.find((o) => o.id === nils.id)).toMatchObject({ ordererName: 'Systemet (KIV)' });
  });

  it('mails the head of unit one summary for the run, listing every person and assignment', async () => {
    const sent = await mails(t, 'LEAVERS_SUMMARY');
    expect(sent).toHaveLength(1);
    const [mail] = sent;
    expect(mail.to).toBe('karin.lund@vgr.example');
    expect(mail.subject).toBe('Avslut att attestera för personer som lämnat dina vårdenheter (2)');
    const orders = await systemOrders(t);
    for (const o of orders) expect(mail.text).toContain(o.orderNumber);
    expect(mail.text).toContain('Nils Boström (nilbo4)');
    expect(mail.text).toContain('Linda Maria Svensson (linma5)');
    expect(mail.text).toContain(`avslutas från och med ${TODAY}`);
    expect(mail.text).toContain('Kvalitetssäkring');
    expect(mail.text).not.toContain('Statistik VE');
    expect(mail.text).toContain(
      `Linda Maria Svensson (linma5), Vårdcentralen Solgläntan: delegeringen gäller till och med ${addDays(TODAY, 6)}.`,
    );
    expect(mail.text).toContain(
      'Nils Boström (nilbo4), Vårdcentralen Solgläntan: delegeringen har återkallats.',
    );
    // No per-order attest mail besides it.
    const perOrder = await t.dataSource.query<unknown[]>(
      `SELECT 1 FROM mail_outbox WHERE template = 'ORDER_AWAITING_ATTEST' AND related_id = ANY($1)`,
      [orders.map((o) => o.id)],
    );
    expect(perOrder).toEqual([]);
  });

  it('places nothing twice: not at the next tick, nor when the end date is saved again or moved', async () => {
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0, leaverDelegationsEnded: 0 });
    const nilsEngagement = await engagementOf(t, 'nilbo4');
    await endEngagement(t, nilsEngagement, YESTERDAY);
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0 });
    await endEngagement(t, nilsEngagement, addDays(TODAY, -2));
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0, leaverDelegationsEnded: 0 });
    expect(await systemOrders(t)).toHaveLength(2);
    expect(await mails(t, 'LEAVERS_SUMMARY')).toHaveLength(1);
  });

  it('ends the delegations of a delegate whose engagement ended: their rights stop after the last day', async () => {
    const karin = await freshClient(t, 'karlu1');
    type Detail = {
      status: string;
      validTo: string | null;
      revokedByName: string | null;
      events: { action: string; actorName: string }[];
    };
    // Nils's began after his last day: revoked by the system.
    const nils = (await karin.get(`/api/delegations/${nilsDelegation}`).expect(200)).body as Detail;
    expect(nils).toMatchObject({ status: 'REVOKED', revokedByName: 'Systemet (KIV)' });
    expect(nils.events.at(-1)).toMatchObject({ action: 'REVOKED', actorName: 'Systemet (KIV)' });
    // Linda's ends with her engagement.
    const linda = (await karin.get(`/api/delegations/${lindaDelegation}`).expect(200)).body as Detail;
    expect(linda).toMatchObject({ status: 'ACTIVE', validTo: addDays(TODAY, 6) });
    expect(linda.events.at(-1)).toMatchObject({ action: 'LIMITED', actorName: 'Systemet (KIV)' });
    const unitOf = async (userId: string) =>
      (
        (await (await freshClient(t, userId)).get('/api/me').expect(200)).body as {
          units: { careUnitId: string }[];
        }
      ).units.find((u) => u.careUnitId === SOLGLANTAN);
    expect(await unitOf('nilbo4')).toBeUndefined();
    expect(await unitOf('linma5')).toMatchObject({ careUnitId: SOLGLANTAN });
    setClock(t, addDays(TODAY, 7));
    expect(await unitOf('linma5')).toBeUndefined();
    setClock(t, TODAY);
  });

  it('carries the revoke out once the head attests it: the holding ends on the last day of the engagement', async () => {
    const [nils] = (await systemOrders(t)).filter((o) => o.endUserId === person('nilbo4'));
    expect(await approve(t, nils.id, true)).toBe(true);
    expect((await systemOrders(t)).find((o) => o.id === nils.id)).toMatchObject({ status: 'COMPLETED' });
    expect(await holdings(t, person('nilbo4'), VOB_SOL)).toEqual([
      { validFrom: '2025-01-01', validTo: YESTERDAY },
    ]);
    expect(await holdings(t, person('nilbo4'), VOB_AVD12)).toEqual([
      { validFrom: '2025-01-01', validTo: null },
    ]);
  });

  it('does nothing for a move within the unit: another engagement there runs on', async () => {
    await hold(t, 'sarbe3', VOB_SOL, '2025-01-01', null);
    const first = await engagementOf(t, 'sarbe3');
    await t.dataSource.query(
      `INSERT INTO engagement (person_id, care_unit_id, cost_centre, valid_from)
       SELECT person_id, care_unit_id, cost_centre, $2 FROM engagement WHERE id = $1`,
      [first, TODAY],
    );
    await endEngagement(t, first, YESTERDAY);
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0, leaverDelegationsEnded: 0 });
    expect((await systemOrders(t)).filter((o) => o.endUserId === person('sarbe3'))).toEqual([]);
  });
});

describe('leavers: LEAVER_REVOKE=direct', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ LEAVER_REVOKE: 'direct' });
    setClock(t, TODAY);
  });
  afterAll(async () => {
    await t.close();
  });

  it('approves and carries the revokes out at once, and says so in the summary', async () => {
    await endEngagement(t, await engagementOf(t, 'linma5'), YESTERDAY);
    expect(await tick(t)).toMatchObject({ leaverRevokes: 1 });
    const [order] = await systemOrders(t);
    expect(order).toMatchObject({ status: 'COMPLETED', startDate: TODAY, assignmentIds: [VOB_SOL] });
    expect(await holdings(t, person('linma5'), VOB_SOL)).toEqual([
      { validFrom: '2021-02-01', validTo: YESTERDAY },
    ]);
    const [mail] = await mails(t, 'LEAVERS_SUMMARY');
    expect(mail.subject).toBe('Avslut för personer som lämnat dina vårdenheter (1)');
    expect(mail.text).toContain('Systemet har beställt och genomfört avslut');
    const events = await t.dataSource.query<{ action: string; actorId: string | null }[]>(
      `SELECT action, actor_id AS "actorId" FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [order.id],
    );
    expect(events).toEqual([
      { action: 'ORDER_PLACED', actorId: null },
      { action: 'ORDER_APPROVED', actorId: null },
      { action: 'ORDER_COMPLETED', actorId: null },
    ]);
  });
});

describe('leavers: a new head of unit confirms or ends the old head’s delegations', () => {
  let t: TestApp;
  const erik = () => person('eriho2');

  beforeAll(async () => {
    t = await createTestApp();
    setClock(t, TODAY);
  });
  afterAll(async () => {
    await t.close();
  });

  const delegationOf = async (userId: string) => {
    const [row] = await t.dataSource.query<{ id: string }[]>(
      `SELECT id FROM delegation WHERE delegate_id = $1 AND care_unit_id = $2`,
      [person(userId), SOLGLANTAN],
    );
    return row.id;
  };

  it('lists nothing while the grantor is still the head', async () => {
    const karin = await freshClient(t, 'karlu1');
    expect((await karin.get('/api/delegation-confirmations').expect(200)).body).toEqual([]);
  });

  it('lists the old head’s delegations for the new head, whose rights keep working until then', async () => {
    const admin = await freshClient(t, 'admin1');
    await admin
      .put(`/api/care-units/${SOLGLANTAN}`)
      .send({ headOfUnitId: person('ahmal7') })
      .expect(200);
    const ahmad = await freshClient(t, 'ahmal7');
    const listed = (await ahmad.get('/api/delegation-confirmations').expect(200)).body as {
      id: string;
      delegateId: string;
      grantorName: string;
      headName: string;
    }[];
    expect(listed.map((d) => d.delegateId).sort()).toEqual([erik(), person('sarbe3')].sort());
    expect(listed[0]).toMatchObject({ grantorName: 'Karin Lund', headName: 'Ahmad Ali' });
    // Administrators see them too.
    expect((await admin.get('/api/delegation-confirmations').expect(200)).body).toHaveLength(2);
    // Erik's delegation still gives him his rights.
    const me = (await (await freshClient(t, 'eriho2')).get('/api/me').expect(200)).body as {
      units: { careUnitId: string; order: boolean }[];
    };
    expect(me.units.find((u) => u.careUnitId === SOLGLANTAN)).toMatchObject({ order: true });
  });

  it('refuses anyone but the unit’s head and administrators', async () => {
    const id = await delegationOf('eriho2');
    // Karin heads Avdelning 12 still, but no longer Solgläntan.
    const karin = await freshClient(t, 'karlu1');
    expect((await karin.get('/api/delegation-confirmations').expect(200)).body).toEqual([]);
    const refused = await karin.post(`/api/delegation-confirmations/${id}/confirm`).expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    await karin.post(`/api/delegation-confirmations/${id}/end`).expect(403);
    const erikClient = await freshClient(t, 'eriho2');
    await erikClient.get('/api/delegation-confirmations').expect(403);
    await erikClient.post(`/api/delegation-confirmations/${id}/confirm`).expect(403);
    const ahmad = await freshClient(t, 'ahmal7');
    await ahmad.post('/api/delegation-confirmations/not-an-id/confirm').expect(404);
    await ahmad.post('/api/delegation-confirmations/00000000-0000-4000-8000-000000000000/end').expect(404);
  });

  it('confirms one (the head becomes its grantor) and ends the other', async () => {
    const ahmad = await freshClient(t, 'ahmal7');
    const erikId = await delegationOf('eriho2');
    const saraId = await delegationOf('sarbe3');
    const confirmed = (await ahmad.post(`/api/delegation-confirmations/${erikId}/confirm`).expect(200))
      .body as {
      grantorId: string;
    };
    expect(confirmed.grantorId).toBe(person('ahmal7'));
    await ahmad.post(`/api/delegation-confirmations/${saraId}/end`).expect(200);
    expect((await ahmad.get('/api/delegation-confirmations').expect(200)).body).toEqual([]);

    const sara = (await ahmad.get(`/api/delegations/${saraId}`).expect(200)).body as Record<string, unknown>;
    expect(sara).toMatchObject({ status: 'REVOKED', revokedByName: 'Ahmad Ali' });
    const erikDelegation = (await ahmad.get(`/api/delegations/${erikId}`).expect(200)).body as Record<
      string,
      unknown
    >;
    expect(erikDelegation).toMatchObject({ status: 'ACTIVE', grantorName: 'Ahmad Ali' });
    const again = await ahmad.post(`/api/delegation-confirmations/${erikId}/confirm`).expect(409);
    expect(again.body).toMatchObject({
      title: expect.any(String),
      detail: expect.stringContaining('bekräftelse'),
    });
    const audit = await t.dataSource.query<{ actorId: string }[]>(
      `SELECT actor_id AS "actorId" FROM audit_event WHERE action = 'DELEGATION_CONFIRMED' AND entity_id = $1`,
      [erikId],
    );
    expect(audit).toEqual([{ actorId: person('ahmal7') }]);
  });
});

describe('leavers: a unit with no head of unit', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    setClock(t, TODAY);
  });
  afterAll(async () => {
    await t.close();
  });

  it('holds the revokes back until the directory names a head to attest them', async () => {
    await hold(t, 'ahmal7', VOB_AVD12, '2025-01-01', null);
    const admin = await freshClient(t, 'admin1');
    await admin.put(`/api/care-units/${AVD12}`).send({ headOfUnitId: null }).expect(200);
    await endEngagement(t, await engagementOf(t, 'ahmal7', AVD12), YESTERDAY);
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0 });
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0 });
    expect(await systemOrders(t)).toEqual([]);

    await admin
      .put(`/api/care-units/${AVD12}`)
      .send({ headOfUnitId: person('karlu1') })
      .expect(200);
    expect(await tick(t)).toMatchObject({ leaverRevokes: 1 });
    expect(await systemOrders(t)).toEqual([
      expect.objectContaining({
        endUserId: person('ahmal7'),
        attestantId: person('karlu1'),
        startDate: TODAY,
        assignmentIds: [VOB_AVD12],
      }),
    ]);
    expect(await tick(t)).toMatchObject({ leaverRevokes: 0 });
  });
});

describe('leavers: two processes at once', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    setClock(t, TODAY);
  });
  afterAll(async () => {
    await t.close();
  });

  it('act on each ended engagement once: claimed with SKIP LOCKED, no order placed twice', async () => {
    await hold(t, 'nilbo4', VOB_SOL, '2025-01-01', null);
    await endEngagement(t, await engagementOf(t, 'nilbo4'), YESTERDAY);
    await endEngagement(t, await engagementOf(t, 'linma5'), YESTERDAY);
    const job = t.app.get(LeaversJob);
    const runs = await Promise.all([job.run(), job.run(), job.run()]);
    expect(runs.reduce((sum, r) => sum + r.revokes, 0)).toBe(2);
    expect((await systemOrders(t)).map((o) => o.endUserId).sort()).toEqual(
      [person('linma5'), person('nilbo4')].sort(),
    );
    expect(await t.dataSource.query(`SELECT 1 FROM leaver_due`)).toEqual([]);
  });
});
