import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import { RightsService } from '../../server/src/delegations/rights.service.js';
import {
  actorFor,
  type CareUnitMade,
  newAdministrator,
  newCareUnit,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { addDays, mails as outbox, setClock, tick } from './scheduler-support.js';

interface MeOperation {
  operationId: string;
  operationName: string;
  areaId: string;
  areaName: string;
  order: boolean;
  attest: boolean;
  delegate: boolean;
  via: string[];
}
interface Me {
  roles: { administrator: boolean; headOfUnit: boolean; delegate: boolean };
  operations: MeOperation[];
  systems: { systemId: string; systemName: string }[];
  tiles: { attest: boolean; delegations: boolean };
}
interface Delegation {
  id: string;
  careUnitId: string | null;
  careUnitName: string | null;
  accessOperationId: string | null;
  accessOperationName: string | null;
  areaName: string | null;
  delegateId: string;
  rights: string[];
  assignmentIds: string[];
  status: string;
}
interface Problem {
  status: number;
  errors?: Record<string, string[]>;
}

const listPath = (resource: string, filter: Record<string, unknown>) =>
  `${resource}?filter=${encodeURIComponent(JSON.stringify(filter))}`;

/**
 * Delegations for verksamheter (issue 14, point 2): a verksamhet's head (access_operation's
 * head_person_id) orders and attests there and delegates ORDER/ATTEST for it, as a head of unit
 * does for a unit; the rights they give are derived, deny by default, and every change of their
 * sources is seen at the very next request (auth's rights cache), as test/e2e/rights-cache does for
 * units. System administrators (system_administrator) get `systems`.
 */
describe('delegations for verksamheter', () => {
  let t: TestApp;
  let today: string;
  let admin: Client;
  let unit: CareUnitMade;
  /** Head of the verksamhet "Identitet och behörighet". */
  let opHead: PersonMade;
  /** Head of another verksamhet only. */
  let otherHead: PersonMade;
  let delegate: PersonMade;
  let attestant: PersonMade;
  let area: { id: string; name: string };
  let operation: { id: string; name: string };
  let otherOperation: { id: string; name: string };

  const me = async (client: Client): Promise<Me> => (await client.get('/api/me').expect(200)).body as Me;
  const opOf = (m: Me, id: string) => m.operations.find((o) => o.operationId === id);

  const grant = (client: Client, body: Record<string, unknown>) =>
    client.post('/api/delegations').send({ validFrom: today, ...body });

  beforeAll(async () => {
    t = await createTestApp({}, { seeded: false });
    today = t.app.get(Clock).today();
    admin = await signedIn(t, await newAdministrator(t));
    unit = await newCareUnit(t, { name: 'Enheten för identitet' });
    opHead = await newPerson(t, { unit, firstName: 'Olga', lastName: 'Chefsson' });
    otherHead = await newPerson(t, { unit, firstName: 'Otto', lastName: 'Annansson' });
    delegate = await newPerson(t, { unit, firstName: 'Dora', lastName: 'Delegatsson' });
    attestant = await newPerson(t, { unit, firstName: 'Ada', lastName: 'Attestsson' });
    area = (await admin.post('/api/access-areas').send({ name: 'Plattformer och infrastruktur' }).expect(201))
      .body as { id: string; name: string };
    operation = (
      await admin
        .post('/api/access-operations')
        .send({ areaId: area.id, name: 'Identitet och behörighet', headPersonId: opHead.id })
        .expect(201)
    ).body as { id: string; name: string };
    otherOperation = (
      await admin
        .post('/api/access-operations')
        .send({ areaId: area.id, name: 'Nätverk', headPersonId: otherHead.id })
        .expect(201)
    ).body as { id: string; name: string };
  });
  afterAll(async () => {
    t.app.get(Clock).set(undefined);
    await t.close();
  });

  it("gives a verksamhet's head order, attest and delegation there (GET /api/me)", async () => {
    const m = await me(await signedIn(t, opHead));
    expect(m.operations).toEqual([
      {
        operationId: operation.id,
        operationName: 'Identitet och behörighet',
        areaId: area.id,
        areaName: 'Plattformer och infrastruktur',
        order: true,
        attest: true,
        delegate: true,
        via: ['HEAD'],
      },
    ]);
    expect(m.roles).toMatchObject({ headOfUnit: true, delegate: false });
    expect(m.tiles).toMatchObject({ attest: true, delegations: true });
    // Deny by default: a person with no headship and no delegation has nothing.
    expect((await me(await signedIn(t, delegate))).operations).toEqual([]);
  });

  it('lists the verksamheter one may delegate for: the head theirs, an administrator all, others none', async () => {
    const head = await signedIn(t, opHead);
    const mine = (await head.get('/api/delegations/grantable-operations').expect(200)).body as {
      id: string;
      name: string;
      areaName: string;
    }[];
    expect(mine).toEqual([
      { id: operation.id, name: operation.name, areaId: area.id, areaName: 'Plattformer och infrastruktur' },
    ]);
    const all = (await admin.get(listPath('/api/delegations/grantable-operations', { q: 'nät' })).expect(200))
      .body as { id: string }[];
    expect(all.map((o) => o.id)).toEqual([otherOperation.id]);
    // A head of a care unit only may delegate (for units) but has no verksamhet to delegate for.
    const team = await newTeam(t);
    const unitHead = await signedIn(t, team.head);
    expect((await unitHead.get('/api/delegations/grantable-operations').expect(200)).body).toEqual([]);
    // Nor has the head of a verksamhet a unit.
    expect((await head.get('/api/delegations/grantable-units').expect(200)).body).toEqual([]);
    await (await signedIn(t, delegate)).get('/api/delegations/grantable-operations').expect(403);
  });

  it('lets the head grant ORDER for the verksamhet: listed, shown with its område, mailed, audited', async () => {
    const head = await signedIn(t, opHead);
    const created = (
      await grant(head, {
        delegateId: delegate.id,
        accessOperationId: operation.id,
        rights: ['ORDER'],
      }).expect(201)
    ).body as Delegation;
    expect(created).toMatchObject({
      careUnitId: null,
      careUnitName: null,
      accessOperationId: operation.id,
      accessOperationName: 'Identitet och behörighet',
      areaName: 'Plattformer och infrastruktur',
      delegateId: delegate.id,
      rights: ['ORDER'],
      assignmentIds: [],
      status: 'ACTIVE',
    });

    const listed = (
      await head.get(listPath('/api/delegations', { accessOperationId: operation.id })).expect(200)
    ).body as Delegation[];
    expect(listed.map((d) => d.id)).toEqual([created.id]);
    expect(
      ((await head.get(listPath('/api/delegations', { target: 'UNIT' })).expect(200)).body as Delegation[])
        .length,
    ).toBe(0);
    // The search finds it by the verksamhet's name; the delegate sees their own.
    const searched = (await head.get(listPath('/api/delegations', { q: 'identitet' })).expect(200))
      .body as Delegation[];
    expect(searched.map((d) => d.id)).toEqual([created.id]);
    const own = await signedIn(t, delegate);
    expect(((await own.get('/api/delegations').expect(200)).body as Delegation[]).map((d) => d.id)).toEqual([
      created.id,
    ]);
    const detail = (await own.get(`/api/delegations/${created.id}`).expect(200)).body as {
      events: { action: string }[];
    };
    expect(detail.events.map((e) => e.action)).toEqual(['CREATED']);
    // The head of another verksamhet neither lists nor opens it.
    const other = await signedIn(t, otherHead);
    expect((await other.get('/api/delegations').expect(200)).body).toEqual([]);
    await other.get(`/api/delegations/${created.id}`).expect(403);

    const mails = await t.dataSource.query<{ template: string; to_address: string; subject: string }[]>(
      `SELECT template, to_address, subject FROM mail_outbox WHERE related_type = 'delegation' AND related_id = $1`,
      [created.id],
    );
    expect(mails).toEqual([
      {
        template: 'DELEGATION_GRANTED',
        to_address: delegate.email,
        subject: expect.stringContaining('Plattformer och infrastruktur / Identitet och behörighet'),
      },
    ]);

    const m = await me(own);
    expect(opOf(m, operation.id)).toMatchObject({
      order: true,
      attest: false,
      delegate: false,
      via: ['DELEGATION'],
    });
    expect(m.roles).toMatchObject({ headOfUnit: false, delegate: true });
    const rights = (await actorFor(t, delegate)).rights;
    expect(rights.mayOrderAccess(operation.id)).toBe(true);
    expect(rights.mayAttestAccess(operation.id)).toBe(false);
    expect(rights.mayOrderAccess(otherOperation.id)).toBe(false);
    // A delegate may not delegate further.
    await grant(own, { delegateId: attestant.id, accessOperationId: operation.id, rights: ['ORDER'] }).expect(
      403,
    );
  });

  it('refuses a grant by a non-head, for no or both targets, for a missing verksamhet and with assignments', async () => {
    const other = await signedIn(t, otherHead);
    const refused = (
      await grant(other, {
        delegateId: attestant.id,
        accessOperationId: operation.id,
        rights: ['ATTEST'],
      }).expect(403)
    ).body as { detail: string };
    expect(refused.detail).toBe('Du kan bara hantera delegeringar för verksamheter där du är ansvarig chef.');

    const head = await signedIn(t, opHead);
    const neither = (await grant(head, { delegateId: attestant.id, rights: ['ATTEST'] }).expect(400))
      .body as Problem;
    expect(neither.errors?.accessOperationId).toEqual(['Ange antingen en vårdenhet eller en verksamhet.']);
    const team = await newTeam(t);
    await grant(head, {
      delegateId: attestant.id,
      careUnitId: team.unit.id,
      accessOperationId: operation.id,
      rights: ['ATTEST'],
    }).expect(400);
    const missing = (
      await grant(head, {
        delegateId: attestant.id,
        accessOperationId: randomUUID(),
        rights: ['ATTEST'],
      }).expect(400)
    ).body as Problem;
    expect(missing.errors?.accessOperationId).toEqual(['Verksamheten finns inte.']);
    const listed = (
      await grant(head, {
        delegateId: attestant.id,
        accessOperationId: operation.id,
        rights: ['ATTEST'],
        assignmentIds: [team.unit.assignments.vob.id],
      }).expect(400)
    ).body as Problem;
    expect(listed.errors?.assignmentIds).toEqual([
      'Uppdrag kan bara anges i en delegering för en vårdenhet.',
    ]);
    // Nothing was made by any refusal.
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM delegation WHERE delegate_id = $1`,
      [attestant.id],
    );
    expect(n).toBe(0);
  });

  it('names the head and the ATTEST delegates as attestants; a revoked delegation stops at the next request', async () => {
    const rightsService = t.app.get(RightsService);
    const names = async () =>
      (await rightsService.attestantsOfOperation(operation.id)).map((p) => `${p.firstName} ${p.lastName}`);
    expect(await names()).toEqual(['Olga Chefsson']);

    const head = await signedIn(t, opHead);
    const created = (
      await grant(head, {
        delegateId: attestant.id,
        accessOperationId: operation.id,
        rights: ['ORDER', 'ATTEST'],
      }).expect(201)
    ).body as Delegation;
    // In name order; the ORDER-only delegate is not an attestant.
    expect(await names()).toEqual(['Ada Attestsson', 'Olga Chefsson']);
    expect(await rightsService.attestantsOfOperation(otherOperation.id)).toEqual([
      expect.objectContaining({ id: otherHead.id }),
    ]);

    const session = await signedIn(t, attestant);
    expect(opOf(await me(session), operation.id)).toMatchObject({ order: true, attest: true });

    // Limited to ORDER: no longer an attestant, at the next request.
    const limited = (
      await head
        .patch(`/api/delegations/${created.id}`)
        .send({ rights: ['ORDER'] })
        .expect(200)
    ).body as Delegation;
    expect(limited.rights).toEqual(['ORDER']);
    expect(opOf(await me(session), operation.id)).toMatchObject({ order: true, attest: false });
    expect(await names()).toEqual(['Olga Chefsson']);
    // A verksamhet's delegation cannot be narrowed to assignments.
    const team = await newTeam(t);
    await head
      .patch(`/api/delegations/${created.id}`)
      .send({ assignmentIds: [team.unit.assignments.vob.id] })
      .expect(400);

    await head.patch(`/api/delegations/${created.id}`).send({ status: 'REVOKED' }).expect(200);
    expect(opOf(await me(session), operation.id)).toBeUndefined();
    expect((await actorFor(t, attestant)).rights.mayOrderAccess(operation.id)).toBe(false);
    const mails = await t.dataSource.query<{ template: string }[]>(
      `SELECT template FROM mail_outbox WHERE related_type = 'delegation' AND related_id = $1 ORDER BY created_at`,
      [created.id],
    );
    expect(mails.map((m) => m.template)).toEqual(['DELEGATION_GRANTED', 'DELEGATION_REVOKED']);
    // The other head may not revoke it either way; the administrator may limit or revoke any.
    await (
      await signedIn(t, otherHead)
    )
      .patch(`/api/delegations/${created.id}`)
      .send({ status: 'REVOKED' })
      .expect(403);
  });

  it("moves the rights with a change of the verksamhet's head at the next request", async () => {
    const newHead = await newPerson(t, { unit, firstName: 'Nina', lastName: 'Nychef' });
    const before = await signedIn(t, opHead);
    const after = await signedIn(t, newHead);
    expect(opOf(await me(before), operation.id)).toMatchObject({ order: true, attest: true });
    expect(opOf(await me(after), operation.id)).toBeUndefined();

    await admin
      .put(`/api/access-operations/${operation.id}`)
      .send({ areaId: area.id, name: 'Identitet och behörighet', headPersonId: newHead.id })
      .expect(200);

    expect(opOf(await me(before), operation.id)).toBeUndefined();
    await before.get('/api/delegations/grantable-operations').expect(403);
    expect(opOf(await me(after), operation.id)).toMatchObject({ order: true, attest: true, via: ['HEAD'] });
    expect((await t.app.get(RightsService).attestantsOfOperation(operation.id)).map((p) => p.id)).toEqual([
      newHead.id,
    ]);
    // A renamed verksamhet is shown by its new name at the delegate's next request.
    const session = await signedIn(t, delegate);
    expect(opOf(await me(session), operation.id)?.operationName).toBe('Identitet och behörighet');
    await admin
      .put(`/api/access-operations/${operation.id}`)
      .send({ areaId: area.id, name: 'Identitet och åtkomst', headPersonId: newHead.id })
      .expect(200);
    expect(opOf(await me(session), operation.id)?.operationName).toBe('Identitet och åtkomst');
    // So is a renamed område, to the verksamhet's head and its delegates alike.
    const areaName = `${area.name} (nytt namn)`;
    await admin.put(`/api/access-areas/${area.id}`).send({ name: areaName }).expect(200);
    expect(opOf(await me(session), operation.id)?.areaName).toBe(areaName);
    expect(opOf(await me(after), operation.id)?.areaName).toBe(areaName);
    await admin.put(`/api/access-areas/${area.id}`).send({ name: area.name }).expect(200);
    expect(opOf(await me(session), operation.id)?.areaName).toBe(area.name);
  });

  it('gives a system administrator `systems`, added and taken away at the next request', async () => {
    const system = (
      await admin
        .post('/api/local-systems')
        .send({ name: 'Melior test', owner: 'Testförvaltningen', fulfilment: 'MANUAL' })
        .expect(201)
    ).body as { id: string };
    const person = await newPerson(t, { unit });
    const session = await signedIn(t, person);
    expect((await me(session)).systems).toEqual([]);

    await t.dataSource.query(`INSERT INTO system_administrator (system_id, person_id) VALUES ($1, $2)`, [
      system.id,
      person.id,
    ]);
    const m = await me(session);
    expect(m.systems).toEqual([{ systemId: system.id, systemName: 'Melior test' }]);
    // A renamed system is shown by its new name at the administrator's next request.
    await admin
      .put(`/api/local-systems/${system.id}`)
      .send({ name: 'Melior prov', owner: 'Testförvaltningen', fulfilment: 'MANUAL' })
      .expect(200);
    expect((await me(session)).systems).toEqual([{ systemId: system.id, systemName: 'Melior prov' }]);
    // Administering a system is no right on the directory or on delegations.
    expect(m.operations).toEqual([]);
    await session.get('/api/delegations').expect(403);
    const rights = (await actorFor(t, person)).rights;
    expect(rights.administersSystem(system.id)).toBe(true);
    expect(rights.mayOrderAccess(operation.id)).toBe(false);

    await t.dataSource.query(`DELETE FROM system_administrator WHERE person_id = $1`, [person.id]);
    expect((await me(session)).systems).toEqual([]);
  });

  it('lets an administrator delegate for any verksamhet without order or attest rights of their own', async () => {
    const granted = (
      await grant(admin, {
        delegateId: attestant.id,
        accessOperationId: otherOperation.id,
        rights: ['ATTEST'],
      }).expect(201)
    ).body as Delegation;
    expect(granted.accessOperationName).toBe('Nätverk');
    const m = await me(admin);
    expect(m.operations).toEqual([]);
    expect((await actorFor(t, attestant)).rights.mayAttestAccess(otherOperation.id)).toBe(true);
    // The head of the verksamhet sees it in their list; the administrator revokes it.
    const other = await signedIn(t, otherHead);
    const listed = (await other.get('/api/delegations').expect(200)).body as Delegation[];
    expect(listed.map((d) => d.id)).toEqual([granted.id]);
    await admin.patch(`/api/delegations/${granted.id}`).send({ status: 'REVOKED' }).expect(200);
  });

  it("mails the delegate and the verksamhet's head 14 days before the delegation ends", async () => {
    const ends = addDays(today, 20);
    const head = await signedIn(t, otherHead);
    const ending = (
      await grant(head, {
        delegateId: delegate.id,
        accessOperationId: otherOperation.id,
        rights: ['ORDER'],
        validTo: ends,
      }).expect(201)
    ).body as Delegation;
    setClock(t, addDays(ends, -14));
    expect(await tick(t)).toMatchObject({ delegationNotices: 1 });
    const sent = (await outbox(t, 'DELEGATION_EXPIRING', ending.id)).map((m) => [m.to, m.subject]).sort();
    expect(sent).toEqual(
      [otherHead.email, delegate.email]
        .map((to) => [to, `Delegeringen för Plattformer och infrastruktur / Nätverk upphör efter ${ends}`])
        .sort(),
    );
    setClock(t, addDays(ends, 1));
    expect((await actorFor(t, delegate)).rights.mayOrderAccess(otherOperation.id)).toBe(false);
    t.app.get(Clock).set(undefined);
  });
});
