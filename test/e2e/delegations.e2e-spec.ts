import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import {
  type CareUnitMade,
  newAdministrator,
  newCareUnit,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import { signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/** The demo seed's Solgläntan, whose delegations the personas' rights come from. */
const SOLGLANTAN = seedId('unit:solglantan');

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const filter = (f: Record<string, unknown>) =>
  `/api/delegations?filter=${encodeURIComponent(JSON.stringify(f))}`;

/**
 * Delegations. The demo personas' rights from the seeded delegations first; then every rule on a
 * world made by the factories: a team (its unit "Vårdcentralen", its head, an orderer and an
 * attestant by delegation), a second unit the head leads ("Avdelning", named to sort first), and
 * a unit the head does not lead.
 */
describe('delegations', () => {
  let t: TestApp;
  let clock: Clock;
  let today: string;
  let team: Team;
  let second: CareUnitMade;
  let notHeaded: CareUnitMade;
  /** Engaged at the team's unit, without rights. */
  let nils: PersonMade;
  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    today = clock.today();
    team = await newTeam(t, { name: 'Vårdcentralen Testgläntan' });
    second = await newCareUnit(t, { name: 'Avdelning 1 Test', head: team.head });
    notHeaded = await newCareUnit(t);
    nils = await newPerson(t, { unit: team.unit, firstName: 'Nils', lastName: 'Boström' });
  });
  afterEach(() => clock.set(undefined));
  afterAll(async () => {
    await t.close();
  });

  describe('the seeded delegations give their rights', () => {
    it('eriho2 may order and attest on Vårdcentralen Solgläntan', async () => {
      const me = (await (await signIn(t, 'eriho2')).get('/api/me').expect(200)).body;
      expect(me.roles).toEqual({ administrator: false, headOfUnit: false, delegate: true, auditor: false });
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
      expect(me.roles).toEqual({ administrator: false, headOfUnit: false, delegate: false, auditor: false });
      expect(me.units).toEqual([]);
      expect(me.tiles).toEqual({ vmuSingle: false, vmuMass: false, attest: false, delegations: false });
    });
  });

  it('a head grants a nurse ORDER+ATTEST on the unit, finds it by search per status, limits it and revokes it', async () => {
    const head = await signedIn(t, team.head);
    const created = await head
      .post('/api/delegations')
      .send({
        delegateId: nils.id,
        careUnitId: team.unit.id,
        rights: ['ORDER', 'ATTEST'],
        validFrom: today,
      })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      delegateId: nils.id,
      delegateName: 'Nils Boström',
      delegateUserId: nils.userId,
      careUnitName: 'Vårdcentralen Testgläntan',
      grantorId: team.head.id,
      grantorName: team.head.name,
      rights: ['ORDER', 'ATTEST'],
      assignmentIds: [],
      assignmentNames: [],
      validFrom: today,
      validTo: null,
      status: 'ACTIVE',
      revokedAt: null,
      revokedByName: null,
    });
    const nilsClient = await signedIn(t, nils);
    expect((await nilsClient.get('/api/me').expect(200)).body.tiles).toMatchObject({
      vmuSingle: true,
      attest: true,
    });

    // Search: by delegate and status, by words, by unit.
    const active = await head.get(filter({ delegateId: nils.id, status: 'ACTIVE' })).expect(200);
    expect(active.body.map((d: { id: string }) => d.id)).toEqual([id]);
    expect(active.headers['content-range']).toBe('delegations 0-0/1');
    expect((await head.get(filter({ delegateId: nils.id, status: 'FUTURE' })).expect(200)).body).toEqual([]);
    expect(
      (await head.get(filter({ q: 'bostr' })).expect(200)).body.map((d: { id: string }) => d.id),
    ).toEqual([id]);
    // Words of one or two letters are matched per delegation (delegations.queries searchFilter).
    const ids = async (q: string) =>
      (await head.get(filter({ q })).expect(200)).body.map((d: { id: string }) => d.id);
    expect(await ids('ni bo')).toContain(id);
    expect(await ids('bo nils')).toContain(id);
    expect(await ids('bo zq')).toEqual([]);
    const atUnit = await head.get(filter({ careUnitId: team.unit.id, status: 'ACTIVE' })).expect(200);
    expect(atUnit.body.map((d: { delegateUserId: string }) => d.delegateUserId).sort()).toEqual(
      [team.orderer.userId, nils.userId, team.attestant.userId].sort(),
    );

    // Limit: fewer rights, an earlier end, fewer assignments; never wider.
    const limited = await head
      .patch(`/api/delegations/${id}`)
      .send({ rights: ['ATTEST'] })
      .expect(200);
    expect(limited.body.rights).toEqual(['ATTEST']);
    await head
      .patch(`/api/delegations/${id}`)
      .send({ rights: ['ORDER', 'ATTEST'] })
      .expect(400);
    const ending = addDays(today, 30);
    await head.patch(`/api/delegations/${id}`).send({ validTo: ending }).expect(200);
    await head
      .patch(`/api/delegations/${id}`)
      .send({ validTo: addDays(today, 60) })
      .expect(400);
    await head.patch(`/api/delegations/${id}`).send({ validTo: null }).expect(400);
    await head
      .patch(`/api/delegations/${id}`)
      .send({ validTo: addDays(today, -1) })
      .expect(400);
    const narrowed = await head
      .patch(`/api/delegations/${id}`)
      .send({ assignmentIds: [team.unit.assignments.vob.id] })
      .expect(200);
    expect(narrowed.body).toMatchObject({
      assignmentIds: [team.unit.assignments.vob.id],
      assignmentNames: ['VoB SJF'],
      validTo: ending,
    });
    await head.patch(`/api/delegations/${id}`).send({ assignmentIds: [] }).expect(400);
    await head
      .patch(`/api/delegations/${id}`)
      .send({ assignmentIds: [team.unit.assignments.stat.id] })
      .expect(400);
    const units = (await nilsClient.get('/api/me').expect(200)).body.units;
    expect(units).toEqual([
      expect.objectContaining({ order: false, attest: true, assignmentIds: [team.unit.assignments.vob.id] }),
    ]);

    // Revoke: the rights are gone, and it cannot change any more.
    const revoked = await head.patch(`/api/delegations/${id}`).send({ status: 'REVOKED' }).expect(200);
    expect(revoked.body).toMatchObject({ status: 'REVOKED', revokedByName: team.head.name });
    expect((await nilsClient.get('/api/me').expect(200)).body.units).toEqual([]);
    await nilsClient.get('/api/delegations').expect(403);
    await head.patch(`/api/delegations/${id}`).send({ status: 'REVOKED' }).expect(409);
    await head
      .patch(`/api/delegations/${id}`)
      .send({ rights: ['ATTEST'] })
      .expect(409);
    expect(
      (await head.get(filter({ status: 'REVOKED' })).expect(200)).body.map((d: { id: string }) => d.id),
    ).toEqual([id]);

    // Every change was recorded, with who made it.
    const detail = await head.get(`/api/delegations/${id}`).expect(200);
    expect(
      detail.body.events.map((e: { action: string; actorName: string }) => [e.action, e.actorName]),
    ).toEqual([
      ['CREATED', team.head.name],
      ['LIMITED', team.head.name],
      ['LIMITED', team.head.name],
      ['LIMITED', team.head.name],
      ['REVOKED', team.head.name],
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
    expect(audit.every((a) => a.actor_id === team.head.id)).toBe(true);
    const mails = (await t.dataSource.query(
      `SELECT template, to_address FROM mail_outbox WHERE related_type = 'delegation' AND related_id = $1 ORDER BY created_at`,
      [id],
    )) as { template: string; to_address: string }[];
    expect(mails).toEqual([
      { template: 'DELEGATION_GRANTED', to_address: nils.email },
      { template: 'DELEGATION_REVOKED', to_address: nils.email },
    ]);
  });

  describe('refusals', () => {
    const grant = (over: Record<string, unknown> = {}) => ({
      delegateId: nils.id,
      careUnitId: team.unit.id,
      rights: ['ORDER'],
      validFrom: today,
      ...over,
    });

    it('a head of unit cannot delegate for a unit they do not head', async () => {
      const head = await signedIn(t, team.head);
      const res = await head
        .post('/api/delegations')
        .send(grant({ careUnitId: notHeaded.id }))
        .expect(403);
      expect(res.body.type).toBe('urn:beh:problem:forbidden');
    });

    it('a person without an active engagement gets no delegation, and is told why', async () => {
      const former = await newPerson(t, {
        unit: team.unit,
        engagedFrom: '2017-06-01',
        engagedTo: addDays(today, -1),
      });
      const res = await (
        await signedIn(t, team.head)
      )
        .post('/api/delegations')
        .send(grant({ delegateId: former.id }))
        .expect(400);
      expect(res.body.detail).toBe(
        'Personen saknar aktivt engagemang i regionen och kan inte få en delegering.',
      );
      expect(res.body.errors.delegateId).toEqual([res.body.detail]);
    });

    it('a delegation cannot start in the past or end before it starts', async () => {
      const head = await signedIn(t, team.head);
      const past = await head
        .post('/api/delegations')
        .send(grant({ validFrom: addDays(today, -1) }))
        .expect(400);
      expect(Object.keys(past.body.errors)).toEqual(['validFrom']);
      const reversed = await head
        .post('/api/delegations')
        .send(grant({ validFrom: addDays(today, 10), validTo: addDays(today, 9) }))
        .expect(400);
      expect(Object.keys(reversed.body.errors)).toEqual(['validTo']);
    });

    it('checks rights, assignments, the delegate and the shape of the request', async () => {
      const head = await signedIn(t, team.head);
      const errors = async (body: Record<string, unknown>) =>
        Object.keys((await head.post('/api/delegations').send(body).expect(400)).body.errors as object);
      expect(await errors(grant({ rights: [] }))).toEqual(['rights']);
      expect(await errors(grant({ rights: ['ORDER', 'ORDER'] }))).toEqual(['rights']);
      expect(await errors(grant({ rights: ['DELEGATE'] }))).toEqual(['rights']);
      expect(await errors(grant({ assignmentIds: [notHeaded.assignments.vob.id] }))).toEqual([
        'assignmentIds',
      ]);
      expect(await errors(grant({ delegateId: team.head.id }))).toEqual(['delegateId']);
      expect(await errors(grant({ delegateId: randomUUID() }))).toEqual(['delegateId']);
      expect(await errors(grant({ validFrom: '2026-02-30' }))).toEqual(['validFrom']);
      expect(await errors(grant({ status: 'ACTIVE' }))).toEqual(['status']);
      expect(await errors(grant({ careUnitId: randomUUID() }))).toEqual(['careUnitId']);
    });

    it('only heads of unit and administrators grant; a delegate sees only their own', async () => {
      const delegate = await signedIn(t, team.orderer);
      const own = team.delegations.orderer.id;
      await delegate.post('/api/delegations').send(grant()).expect(403);
      await delegate.get('/api/delegations/grantable-units').expect(403);
      await delegate.patch(`/api/delegations/${own}`).send({ status: 'REVOKED' }).expect(403);
      const listed = await delegate.get('/api/delegations').expect(200);
      expect(listed.body.map((d: { delegateUserId: string }) => d.delegateUserId)).toEqual([
        team.orderer.userId,
      ]);
      await delegate.get(`/api/delegations/${own}`).expect(200);
      await delegate.get(`/api/delegations/${team.delegations.attestant.id}`).expect(403);
      await delegate.get(`/api/delegations/${randomUUID()}`).expect(404);
    });
  });

  it('an administrator manages delegations of every unit', async () => {
    const administrator = await newAdministrator(t);
    const admin = await signedIn(t, administrator);
    const created = await admin
      .post('/api/delegations')
      .send({
        delegateId: (await newPerson(t, { unit: notHeaded })).id,
        careUnitId: notHeaded.id,
        rights: ['ATTEST'],
        validFrom: today,
        assignmentIds: [notHeaded.assignments.vob.id],
      })
      .expect(201);
    expect(created.body).toMatchObject({ grantorName: administrator.name, assignmentNames: ['VoB SJF'] });
    const all = await admin.get('/api/delegations?range=[0,99]').expect(200);
    expect(all.body.length).toBeGreaterThanOrEqual(3);
    // The team's head does not head that unit and does not see it.
    const head = await signedIn(t, team.head);
    const seen = (await head.get('/api/delegations?range=[0,99]').expect(200)).body as {
      careUnitId: string;
    }[];
    expect(seen.every((d) => d.careUnitId === team.unit.id || d.careUnitId === second.id)).toBe(true);
    await head.get(`/api/delegations/${created.body.id as string}`).expect(403);
  });

  describe('grantable units: the unit picker of Ny delegering', () => {
    type Unit = { id: string; name: string; hsaId: string; administrationName: string };
    const units = (q: Record<string, unknown> = {}, range?: [number, number]) =>
      `/api/delegations/grantable-units?${new URLSearchParams({
        filter: JSON.stringify(q),
        sort: JSON.stringify(['name', 'ASC']),
        ...(range ? { range: JSON.stringify(range) } : {}),
      })}`;
    const names = (body: Unit[]) => body.map((u) => u.name);

    it('a head of two units gets both, by name and in pages, without their catalogues', async () => {
      const head = await signedIn(t, team.head);
      const all = await head.get(units()).expect(200);
      expect(all.body).toEqual([
        {
          id: second.id,
          name: 'Avdelning 1 Test',
          hsaId: second.hsaId,
          administrationName: second.administrationName,
        },
        {
          id: team.unit.id,
          name: 'Vårdcentralen Testgläntan',
          hsaId: team.unit.hsaId,
          administrationName: team.unit.administrationName,
        },
      ]);
      expect(all.headers['content-range']).toBe('grantable-units 0-1/2');
      const first = await head.get(units({}, [0, 0])).expect(200);
      expect(names(first.body)).toEqual(['Avdelning 1 Test']);
      expect(first.headers['content-range']).toBe('grantable-units 0-0/2');
      const next = await head.get(units({}, [1, 1])).expect(200);
      expect(names(next.body)).toEqual(['Vårdcentralen Testgläntan']);
      expect(next.headers['content-range']).toBe('grantable-units 1-1/2');
    });

    it('searches a word of the name (any case, any accent) or the HSA-id, among the caller’s units only', async () => {
      const head = await signedIn(t, team.head);
      const found = async (q: string) => names((await head.get(units({ q })).expect(200)).body as Unit[]);
      expect(await found('vardcentralen')).toEqual(['Vårdcentralen Testgläntan']);
      expect(await found('TESTGLÄ')).toEqual(['Vårdcentralen Testgläntan']);
      expect(await found('test')).toEqual(['Avdelning 1 Test', 'Vårdcentralen Testgläntan']);
      expect(await found('avdelning test')).toEqual(['Avdelning 1 Test']);
      expect(await found(second.hsaId.toLowerCase())).toEqual(['Avdelning 1 Test']);
      // A word inside a name does not match, and % is a character, not a wildcard.
      expect(await found('entralen')).toEqual([]);
      expect(await found('%')).toEqual([]);
      // The unit the head does not head is not found, by name or by HSA-id.
      expect(await found(notHeaded.name)).toEqual([]);
      expect(await found(notHeaded.hsaId)).toEqual([]);
      const searched = await head.get(units({ q: 'vårdcentralen' })).expect(200);
      expect(searched.headers['content-range']).toBe('grantable-units 0-0/1');
    });

    it('an administrator gets every unit of the directory, a page at a time, and finds any one', async () => {
      const admin = await signedIn(t, await newAdministrator(t));
      const [{ n: allUnits }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM care_unit',
      );
      expect(allUnits).toBeGreaterThan(5);
      const page = await admin.get(units({}, [0, 4])).expect(200);
      expect(page.headers['content-range']).toBe(`grantable-units 0-4/${allUnits}`);
      // The same units in the same order as the directory's list of care units.
      const directory = await admin
        .get(
          `/api/care-units?${new URLSearchParams({ sort: JSON.stringify(['name', 'ASC']), range: '[0,4]' })}`,
        )
        .expect(200);
      expect((page.body as Unit[]).map((u) => u.id)).toEqual(directory.body.map((u: { id: string }) => u.id));
      const rest = await admin.get(units({}, [5, allUnits + 10])).expect(200);
      expect(rest.headers['content-range']).toBe(`grantable-units 5-${allUnits - 1}/${allUnits}`);
      expect([...page.body, ...rest.body].map((u: Unit) => u.id)).toEqual(
        expect.arrayContaining([team.unit.id, second.id, notHeaded.id]),
      );
      const byName = await admin.get(units({ q: notHeaded.name })).expect(200);
      expect(byName.body).toEqual([
        {
          id: notHeaded.id,
          name: notHeaded.name,
          hsaId: notHeaded.hsaId,
          administrationName: notHeaded.administrationName,
        },
      ]);
      expect(byName.headers['content-range']).toBe('grantable-units 0-0/1');
      expect(names((await admin.get(units({ q: notHeaded.hsaId })).expect(200)).body as Unit[])).toEqual([
        notHeaded.name,
      ]);
      // react-admin's getMany of the chosen unit.
      const chosen = await admin.get(units({ id: [notHeaded.id, team.unit.id] })).expect(200);
      expect((chosen.body as Unit[]).map((u) => u.id).sort()).toEqual([notHeaded.id, team.unit.id].sort());
    });

    it('refuses a filter or range it does not know, in Swedish', async () => {
      const head = await signedIn(t, team.head);
      const res = await head.get(units({ careUnitId: team.unit.id })).expect(400);
      expect(res.body.detail).toBe('Det går inte att filtrera på careUnitId.');
      await head.get('/api/delegations/grantable-units?range=[5,1]').expect(400);
      await head.get('/api/delegations/grantable-units?sort=["hsaId","ASC"]').expect(400);
    });

    it('gives one unit with its catalogue to whoever may delegate for it', async () => {
      const head = await signedIn(t, team.head);
      const unit = (await head.get(`/api/delegations/grantable-units/${team.unit.id}`).expect(200)).body;
      expect(unit).toMatchObject({
        id: team.unit.id,
        name: 'Vårdcentralen Testgläntan',
        hsaId: team.unit.hsaId,
        administrationName: team.unit.administrationName,
      });
      expect(unit.assignments).toHaveLength(4);
      expect(unit.assignments[0]).toEqual({
        id: team.unit.assignments.vob.id,
        name: 'VoB SJF',
        kind: 'GENERAL',
      });
      // General before special.
      const kinds = unit.assignments.map((a: { kind: string }) => a.kind);
      expect(kinds).toEqual([...kinds].sort());
      expect(unit.assignments.map((a: { id: string }) => a.id).sort()).toEqual(
        Object.values(team.unit.assignments)
          .map((a) => a.id)
          .sort(),
      );
      const admin = await signedIn(t, await newAdministrator(t));
      const other = (await admin.get(`/api/delegations/grantable-units/${notHeaded.id}`).expect(200)).body;
      expect(other.assignments.map((a: { id: string }) => a.id)).toContain(notHeaded.assignments.vob.id);
    });

    it('refuses a unit the caller may not delegate for (403), one that does not exist and a malformed id (404)', async () => {
      const head = await signedIn(t, team.head);
      const refused = await head.get(`/api/delegations/grantable-units/${notHeaded.id}`).expect(403);
      expect(refused.body).toMatchObject({
        type: 'urn:beh:problem:forbidden',
        detail: 'Du kan bara hantera delegeringar för vårdenheter där du är verksamhetschef.',
      });
      const unknown = await head.get(`/api/delegations/grantable-units/${randomUUID()}`).expect(404);
      expect(unknown.body.detail).toBe('Vårdenheten hittades inte.');
      const malformed = await head.get('/api/delegations/grantable-units/inte-ett-id').expect(404);
      expect(malformed.body.detail).toBe('Vårdenheten hittades inte.');
      // A delegate may not delegate at all.
      await (
        await signedIn(t, team.orderer)
      )
        .get(`/api/delegations/grantable-units/${team.unit.id}`)
        .expect(403);
    });
  });

  it('counts validity against Stockholm’s today: a future delegation starts, an ended one stops', async () => {
    const doctor = await newPerson(t, { unit: second });
    const head = await signedIn(t, team.head);
    const future = await head
      .post('/api/delegations')
      .send({
        delegateId: doctor.id,
        careUnitId: second.id,
        rights: ['ORDER', 'ATTEST'],
        validFrom: addDays(today, 1),
        validTo: addDays(today, 2),
      })
      .expect(201);
    expect(future.body.status).toBe('FUTURE');
    expect((await (await signedIn(t, doctor)).get('/api/me').expect(200)).body.units).toEqual([]);

    // A day later every session has timed out: sign in anew.
    clock.set(new Date(Date.now() + 24 * 3_600_000));
    expect((await (await signedIn(t, doctor)).get('/api/me').expect(200)).body.units).toMatchObject([
      { careUnitId: second.id, order: true },
    ]);
    expect(
      (await (await signedIn(t, team.head)).get(`/api/delegations/${future.body.id as string}`).expect(200))
        .body.status,
    ).toBe('ACTIVE');

    clock.set(new Date(Date.now() + 3 * 24 * 3_600_000));
    const doctorLater = await signedIn(t, doctor);
    expect((await doctorLater.get('/api/me').expect(200)).body.units).toEqual([]);
    const headLater = await signedIn(t, team.head);
    expect(
      (await headLater.get(`/api/delegations/${future.body.id as string}`).expect(200)).body.status,
    ).toBe('ENDED');
    await headLater
      .patch(`/api/delegations/${future.body.id as string}`)
      .send({ status: 'REVOKED' })
      .expect(409);
    const ended = await headLater.get(filter({ status: 'ENDED' })).expect(200);
    expect(ended.body.map((d: { id: string }) => d.id)).toContain(future.body.id);
  });
});
