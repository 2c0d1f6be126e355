import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const person = (userId: string) => seedId(`person:${userId}`);
const SOLGLANTAN = seedId('unit:solglantan');
const AVD12 = seedId('unit:avd12');
const NORRBY = seedId('unit:norrby');
const VOB_SOLGLANTAN = seedId('assignment:solglantan:VoB SJF');
const STAT_SOLGLANTAN = seedId('assignment:solglantan:Statistik VE');
const VOB_NORRBY = seedId('assignment:norrby:VoB SJF');
const ERIHO2_DELEGATION = seedId('delegation:eriho2:solglantan');

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const filter = (f: Record<string, unknown>) =>
  `/api/delegations?filter=${encodeURIComponent(JSON.stringify(f))}`;

describe('delegations', () => {
  let t: TestApp;
  let clock: Clock;
  let today: string;
  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    today = clock.today();
  });
  afterEach(() => clock.set(undefined));
  afterAll(async () => {
    await t.close();
  });

  describe('the seeded delegations give their rights', () => {
    it('eriho2 may order and attest on Vårdcentralen Solgläntan', async () => {
      const me = (await (await signIn(t, 'eriho2')).get('/api/me').expect(200)).body;
      expect(me.roles).toEqual({ administrator: false, headOfUnit: false, delegate: true });
      expect(me.units).toEqual([
        {
          careUnitId: SOLGLANTAN,
          careUnitName: 'Vårdcentralen Solgläntan',
          careUnitHsaId: 'SE2321000131-E000000000101',
          order: true,
          attest: true,
          delegate: false,
          assignmentIds: null,
          via: ['DELEGATION'],
        },
      ]);
      expect(me.tiles).toEqual({ vmuSingle: true, vmuMass: true, attest: true, delegations: false });
    });

    it('sarbe3 may only attest there', async () => {
      const me = (await (await signIn(t, 'sarbe3')).get('/api/me').expect(200)).body;
      expect(me.units).toMatchObject([
        { careUnitId: SOLGLANTAN, order: false, attest: true, delegate: false },
      ]);
      expect(me.tiles).toEqual({ vmuSingle: false, vmuMass: false, attest: true, delegations: false });
    });

    it('nilbo4 has nothing', async () => {
      const me = (await (await signIn(t, 'nilbo4')).get('/api/me').expect(200)).body;
      expect(me.roles).toEqual({ administrator: false, headOfUnit: false, delegate: false });
      expect(me.units).toEqual([]);
      expect(me.tiles).toEqual({ vmuSingle: false, vmuMass: false, attest: false, delegations: false });
    });
  });

  it('karlu1 grants nilbo4 ORDER+ATTEST on Solgläntan, finds it by search per status, limits it and revokes it', async () => {
    const karlu1 = await signIn(t, 'karlu1');
    const created = await karlu1
      .post('/api/delegations')
      .send({
        delegateId: person('nilbo4'),
        careUnitId: SOLGLANTAN,
        rights: ['ORDER', 'ATTEST'],
        validFrom: today,
      })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      delegateId: person('nilbo4'),
      delegateName: 'Nils Boström',
      delegateUserId: 'nilbo4',
      careUnitName: 'Vårdcentralen Solgläntan',
      grantorId: person('karlu1'),
      grantorName: 'Karin Lund',
      rights: ['ORDER', 'ATTEST'],
      assignmentIds: [],
      assignmentNames: [],
      validFrom: today,
      validTo: null,
      status: 'ACTIVE',
      revokedAt: null,
      revokedByName: null,
    });
    const nilbo4 = await signIn(t, 'nilbo4');
    expect((await nilbo4.get('/api/me').expect(200)).body.tiles).toMatchObject({
      vmuSingle: true,
      attest: true,
    });

    // Search: by delegate and status, by words, by unit.
    const active = await karlu1.get(filter({ delegateId: person('nilbo4'), status: 'ACTIVE' })).expect(200);
    expect(active.body.map((d: { id: string }) => d.id)).toEqual([id]);
    expect(active.headers['content-range']).toBe('delegations 0-0/1');
    expect(
      (await karlu1.get(filter({ delegateId: person('nilbo4'), status: 'FUTURE' })).expect(200)).body,
    ).toEqual([]);
    expect(
      (await karlu1.get(filter({ q: 'bostr' })).expect(200)).body.map((d: { id: string }) => d.id),
    ).toEqual([id]);
    const atUnit = await karlu1.get(filter({ careUnitId: SOLGLANTAN, status: 'ACTIVE' })).expect(200);
    expect(atUnit.body.map((d: { delegateUserId: string }) => d.delegateUserId).sort()).toEqual([
      'eriho2',
      'nilbo4',
      'sarbe3',
    ]);

    // Limit: fewer rights, an earlier end, fewer assignments; never wider.
    const limited = await karlu1
      .patch(`/api/delegations/${id}`)
      .send({ rights: ['ATTEST'] })
      .expect(200);
    expect(limited.body.rights).toEqual(['ATTEST']);
    await karlu1
      .patch(`/api/delegations/${id}`)
      .send({ rights: ['ORDER', 'ATTEST'] })
      .expect(400);
    const ending = addDays(today, 30);
    await karlu1.patch(`/api/delegations/${id}`).send({ validTo: ending }).expect(200);
    await karlu1
      .patch(`/api/delegations/${id}`)
      .send({ validTo: addDays(today, 60) })
      .expect(400);
    await karlu1.patch(`/api/delegations/${id}`).send({ validTo: null }).expect(400);
    await karlu1
      .patch(`/api/delegations/${id}`)
      .send({ validTo: addDays(today, -1) })
      .expect(400);
    const narrowed = await karlu1
      .patch(`/api/delegations/${id}`)
      .send({ assignmentIds: [VOB_SOLGLANTAN] })
      .expect(200);
    expect(narrowed.body).toMatchObject({
      assignmentIds: [VOB_SOLGLANTAN],
      assignmentNames: ['VoB SJF'],
      validTo: ending,
    });
    await karlu1.patch(`/api/delegations/${id}`).send({ assignmentIds: [] }).expect(400);
    await karlu1
      .patch(`/api/delegations/${id}`)
      .send({ assignmentIds: [STAT_SOLGLANTAN] })
      .expect(400);
    const units = (await nilbo4.get('/api/me').expect(200)).body.units;
    expect(units).toEqual([
      expect.objectContaining({ order: false, attest: true, assignmentIds: [VOB_SOLGLANTAN] }),
    ]);

    // Revoke: the rights are gone, and it cannot change any more.
    const revoked = await karlu1.patch(`/api/delegations/${id}`).send({ status: 'REVOKED' }).expect(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', revokedByName: 'Karin Lund' });
    expect((await nilbo4.get('/api/me').expect(200)).body.units).toEqual([]);
    await nilbo4.get('/api/delegations').expect(403);
    await karlu1.patch(`/api/delegations/${id}`).send({ status: 'REVOKED' }).expect(409);
    await karlu1
      .patch(`/api/delegations/${id}`)
      .send({ rights: ['ATTEST'] })
      .expect(409);
    expect(
      (await karlu1.get(filter({ status: 'REVOKED' })).expect(200)).body.map((d: { id: string }) => d.id),
    ).toEqual([id]);

    // Every change was recorded, with who made it.
    const detail = await karlu1.get(`/api/delegations/${id}`).expect(200);
    expect(
      detail.body.events.map((e: { action: string; actorName: string }) => [e.action, e.actorName]),
    ).toEqual([
      ['CREATED', 'Karin Lund'],
      ['LIMITED', 'Karin Lund'],
      ['LIMITED', 'Karin Lund'],
      ['LIMITED', 'Karin Lund'],
      ['REVOKED', 'Karin Lund'],
    ]);
    expect(detail.body.events[1]).toMatchObject({
      before: { rights: ['ORDER', 'ATTEST'], validTo: null },
      after: { rights: ['ATTEST'], validTo: null },
    });
    // …from the audit log, its one history; and the delegate was mailed when it was granted and revoked.
    const audit = (await t.dataSource.query(
      `SELECT action, actor_id FROM audit_event WHERE entity_type = 'delegation' AND entity_id = $1 ORDER BY at, id`,
      [id],
    )) as { action: string; actor_id: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'DELEGATION_CREATED',
      'DELEGATION_LIMITED',
      'DELEGATION_LIMITED',
      'DELEGATION_LIMITED',
      'DELEGATION_REVOKED',
    ]);
    expect(audit.every((a) => a.actor_id === person('karlu1'))).toBe(true);
    const mails = (await t.dataSource.query(
      `SELECT template, to_address FROM mail_outbox WHERE related_type = 'delegation' AND related_id = $1 ORDER BY created_at`,
      [id],
    )) as { template: string; to_address: string }[];
    expect(mails).toEqual([
      { template: 'DELEGATION_GRANTED', to_address: 'nils.bostrom@vgr.example' },
      { template: 'DELEGATION_REVOKED', to_address: 'nils.bostrom@vgr.example' },
    ]);
  });

  describe('refusals', () => {
    const grant = (over: Record<string, unknown> = {}) => ({
      delegateId: person('nilbo4'),
      careUnitId: SOLGLANTAN,
      rights: ['ORDER'],
      validFrom: today,
      ...over,
    });

    it('a head of unit cannot delegate for a unit they do not head', async () => {
      const karlu1 = await signIn(t, 'karlu1');
      const res = await karlu1
        .post('/api/delegations')
        .send(grant({ careUnitId: NORRBY }))
        .expect(403);
      expect(res.body.type).toBe('urn:beh:problem:forbidden');
    });

    it('a person without an active engagement gets no delegation, and is told why', async () => {
      const res = await (
        await signIn(t, 'karlu1')
      )
        .post('/api/delegations')
        .send(grant({ delegateId: person('majoh6') }))
        .expect(400);
      expect(res.body.detail).toBe(
        'Personen saknar aktivt engagemang i regionen och kan inte få en delegering.',
      );
      expect(res.body.errors.delegateId).toEqual([res.body.detail]);
    });

    it('a delegation cannot start in the past or end before it starts', async () => {
      const karlu1 = await signIn(t, 'karlu1');
      const past = await karlu1
        .post('/api/delegations')
        .send(grant({ validFrom: addDays(today, -1) }))
        .expect(400);
      expect(Object.keys(past.body.errors)).toEqual(['validFrom']);
      const reversed = await karlu1
        .post('/api/delegations')
        .send(grant({ validFrom: addDays(today, 10), validTo: addDays(today, 9) }))
        .expect(400);
      expect(Object.keys(reversed.body.errors)).toEqual(['validTo']);
    });

    it('checks rights, assignments, the delegate and the shape of the request', async () => {
      const karlu1 = await signIn(t, 'karlu1');
      const errors = async (body: Record<string, unknown>) =>
        Object.keys((await karlu1.post('/api/delegations').send(body).expect(400)).body.errors as object);
      expect(await errors(grant({ rights: [] }))).toEqual(['rights']);
      expect(await errors(grant({ rights: ['ORDER', 'ORDER'] }))).toEqual(['rights']);
      expect(await errors(grant({ rights: ['DELEGATE'] }))).toEqual(['rights']);
      expect(await errors(grant({ assignmentIds: [VOB_NORRBY] }))).toEqual(['assignmentIds']);
      expect(await errors(grant({ delegateId: person('karlu1') }))).toEqual(['delegateId']);
      expect(await errors(grant({ delegateId: seedId('person:nobody') }))).toEqual(['delegateId']);
      expect(await errors(grant({ validFrom: '2026-02-30' }))).toEqual(['validFrom']);
      expect(await errors(grant({ status: 'ACTIVE' }))).toEqual(['status']);
      expect(await errors(grant({ careUnitId: seedId('unit:nowhere') }))).toEqual(['careUnitId']);
    });

    it('only heads of unit and administrators grant; a delegate sees only their own', async () => {
      const eriho2 = await signIn(t, 'eriho2');
      await eriho2.post('/api/delegations').send(grant()).expect(403);
      await eriho2.get('/api/delegations/grantable-units').expect(403);
      await eriho2.patch(`/api/delegations/${ERIHO2_DELEGATION}`).send({ status: 'REVOKED' }).expect(403);
      const own = await eriho2.get('/api/delegations').expect(200);
      expect(own.body.map((d: { delegateUserId: string }) => d.delegateUserId)).toEqual(['eriho2']);
      await eriho2.get(`/api/delegations/${ERIHO2_DELEGATION}`).expect(200);
      await eriho2.get(`/api/delegations/${seedId('delegation:sarbe3:solglantan')}`).expect(403);
      await eriho2.get(`/api/delegations/${seedId('delegation:none')}`).expect(404);
    });
  });

  it('an administrator manages delegations of every unit', async () => {
    const admin = await signIn(t, 'admin1');
    const units = (await admin.get('/api/delegations/grantable-units').expect(200)).body as { id: string }[];
    expect(units.length).toBeGreaterThanOrEqual(10);
    const created = await admin
      .post('/api/delegations')
      .send({
        delegateId: person('linma5'),
        careUnitId: NORRBY,
        rights: ['ATTEST'],
        validFrom: today,
        assignmentIds: [VOB_NORRBY],
      })
      .expect(201);
    expect(created.body).toMatchObject({ grantorName: 'Alva Adminsson', assignmentNames: ['VoB SJF'] });
    const all = await admin.get('/api/delegations?range=[0,99]').expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(3);
    // karlu1 does not head Norrby and does not see it.
    const karlu1 = await signIn(t, 'karlu1');
    const seen = (await karlu1.get('/api/delegations?range=[0,99]').expect(200)).body as {
      careUnitId: string;
    }[];
    expect(seen.every((d) => d.careUnitId === SOLGLANTAN || d.careUnitId === AVD12)).toBe(true);
    await karlu1.get(`/api/delegations/${created.body.id as string}`).expect(403);
  });

  it('karlu1 may delegate for the two units he heads, each with its catalogue', async () => {
    const units = (await (await signIn(t, 'karlu1')).get('/api/delegations/grantable-units').expect(200))
      .body;
    expect(units.map((u: { name: string }) => u.name)).toEqual([
      'Avdelning 12 Medicin',
      'Vårdcentralen Solgläntan',
    ]);
    expect(units[1].assignments).toHaveLength(4);
    expect(units[1].assignments[0]).toEqual({ id: VOB_SOLGLANTAN, name: 'VoB SJF', kind: 'GENERAL' });
  });

  it('counts validity against Stockholm’s today: a future delegation starts, an ended one stops', async () => {
    const karlu1 = await signIn(t, 'karlu1');
    const future = await karlu1
      .post('/api/delegations')
      .send({
        delegateId: person('ahmal7'),
        careUnitId: AVD12,
        rights: ['ORDER', 'ATTEST'],
        validFrom: addDays(today, 1),
        validTo: addDays(today, 2),
      })
      .expect(201);
    expect(future.body.status).toBe('FUTURE');
    expect((await (await signIn(t, 'ahmal7')).get('/api/me').expect(200)).body.units).toEqual([]);

    // A day later every session has timed out: sign in anew.
    clock.set(new Date(Date.now() + 24 * 3_600_000));
    expect((await (await signIn(t, 'ahmal7')).get('/api/me').expect(200)).body.units).toMatchObject([
      { careUnitId: AVD12, order: true },
    ]);
    expect(
      (await (await signIn(t, 'karlu1')).get(`/api/delegations/${future.body.id as string}`).expect(200)).body
        .status,
    ).toBe('ACTIVE');

    clock.set(new Date(Date.now() + 3 * 24 * 3_600_000));
    const ahmal7Later = await signIn(t, 'ahmal7');
    expect((await ahmal7Later.get('/api/me').expect(200)).body.units).toEqual([]);
    const karlu1Later = await signIn(t, 'karlu1');
    expect(
      (await karlu1Later.get(`/api/delegations/${future.body.id as string}`).expect(200)).body.status,
    ).toBe('ENDED');
    await karlu1Later
      .patch(`/api/delegations/${future.body.id as string}`)
      .send({ status: 'REVOKED' })
      .expect(409);
    const ended = await karlu1Later.get(filter({ status: 'ENDED' })).expect(200);
    expect(ended.body.map((d: { id: string }) => d.id)).toContain(future.body.id);
  });
});
