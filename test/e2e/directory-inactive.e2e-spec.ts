import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import {
  asOf,
  newHolding,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import { anonymous, type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { requestSignature } from './attest-support.js';
import { place, refusedWithoutTrace, rulesOf, sendIn } from './orders-support.js';

/**
 * Rule 37, Gone from KIV gets nothing new: a person, care unit or assignment a directory sync
 * marked inactive (here by SQL, as the sync does) cannot sign in, loses a live session, is not
 * offered for a new grant and is refused one, gets no delegation, and no pending grant of it is
 * approved; what an inactive person holds can still be ended. The grids hide inactive rows
 * unless asked to show them.
 */
describe('inactive directory rows', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let orderer: Client;
  let head: Client;
  let attestant: Client;
  let admin: Client;

  const inactivate = (table: 'person' | 'care_unit' | 'assignment', id: string) =>
    t.dataSource.query(`UPDATE ${table} SET active = false WHERE id = $1`, [id]);

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await asOf(t, '2026-01-01', () => newTeam(t));
    [orderer, head, attestant, admin] = await Promise.all([
      signedIn(t, team.orderer),
      signedIn(t, team.head),
      signedIn(t, team.attestant),
      signIn(t, 'admin1'),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  describe('sign-in', () => {
    it('an inactive person cannot sign in, and is told why in Swedish', async () => {
      const gone = await newPerson(t, { unit: team.unit });
      await inactivate('person', gone.id);
      const client = await anonymous(t);
      const res = await client.post('/api/auth/dev-login').send({ userId: gone.userId }).expect(403);
      expect(res.body).toMatchObject({
        type: 'urn:beh:problem:person-inactive',
        code: 'PERSON_INACTIVE',
        detail: expect.stringContaining('Du finns inte längre i katalogen (KIV)'),
      });
      expect(res.headers['set-cookie']?.toString() ?? '').not.toMatch(/beh\.sid=[A-Za-z0-9_-]{43};/);
    });

    it('a live session stops at the next request once the person is inactive', async () => {
      const leaving = await newPerson(t, { unit: team.unit });
      const client = await signedIn(t, leaving);
      await client.get('/api/me').expect(200);
      await inactivate('person', leaving.id);
      await client.get('/api/me').expect(401);
      const [{ sessions }] = await t.dataSource.query<{ sessions: number }[]>(
        'SELECT count(*)::int AS sessions FROM user_session WHERE person_id = $1',
        [leaving.id],
      );
      expect(sessions).toBe(0);
    });
  });

  describe('ordering', () => {
    let gone: PersonMade;
    beforeAll(async () => {
      gone = await newPerson(t, { unit: team.unit });
      await newHolding(t, { holder: gone, unit: team.unit, assignment: 'vob' });
      await inactivate('person', gone.id);
    });

    it('the lookup still finds an inactive person, marked so', async () => {
      const res = await orderer
        .get('/api/persons/lookup')
        .query({ hsaId: gone.hsaId, purpose: 'ORDER' })
        .expect(200);
      expect(res.body).toMatchObject({ id: gone.id, directoryActive: false });
    });

    it('the orderable tree offers an inactive person nothing new, and what they hold to end', async () => {
      const grant = await orderer
        .get('/api/orderable-assignments')
        .query({ type: 'GRANT', endUserId: gone.id })
        .expect(200);
      expect(grant.body.endUser).toMatchObject({ active: false });
      const offered = (
        grant.body.units as { assignments: { id: string; orderable: boolean; reason: string }[] }[]
      ).flatMap((u) => u.assignments);
      expect(offered.length).toBeGreaterThan(1);
      for (const a of offered) {
        expect(a).toMatchObject({
          orderable: false,
          reason: a.id === team.unit.assignments.vob.id ? 'ALREADY_HELD' : 'PERSON_INACTIVE',
        });
      }

      const revoke = await orderer
        .get('/api/orderable-assignments')
        .query({ type: 'REVOKE', endUserId: gone.id })
        .expect(200);
      const held = (revoke.body.units as { assignments: { id: string; orderable: boolean }[] }[]).flatMap(
        (u) => u.assignments,
      );
      expect(held).toEqual([expect.objectContaining({ id: team.unit.assignments.vob.id, orderable: true })]);
    });

    it('a grant for an inactive person is refused with PERSON_INACTIVE; a revoke is placed', async () => {
      const body = await refusedWithoutTrace(
        t,
        orderer,
        sendIn(team, gone, [team.unit.assignments.stat], today),
        422,
      );
      expect(rulesOf(body)).toEqual([[0, 'PERSON_INACTIVE']]);
      expect(body.detail).toContain('Personen är inaktiv i katalogen (finns inte längre i KIV)');

      const placed = await place(orderer, {
        ...sendIn(team, gone, [team.unit.assignments.vob], today),
        type: 'REVOKE',
      });
      expect(placed).toHaveLength(1);
    });

    it('an inactive assignment is not offered for a grant and refused with ASSIGNMENT_INACTIVE', async () => {
      const other = await asOf(t, '2026-01-01', () => newTeam(t));
      const client = await signedIn(t, other.orderer);
      const nurse = await newPerson(t, { unit: other.unit });
      await inactivate('assignment', other.unit.assignments.kval.id);
      const tree = await client
        .get('/api/orderable-assignments')
        .query({ type: 'GRANT', endUserId: nurse.id })
        .expect(200);
      const ids = (tree.body.units as { assignments: { id: string }[] }[]).flatMap((u) =>
        u.assignments.map((a) => a.id),
      );
      expect(ids).toContain(other.unit.assignments.stat.id);
      expect(ids).not.toContain(other.unit.assignments.kval.id);
      const body = await refusedWithoutTrace(
        t,
        client,
        sendIn(other, nurse, [other.unit.assignments.kval], today),
        422,
      );
      expect(rulesOf(body)).toEqual([[0, 'ASSIGNMENT_INACTIVE']]);
    });

    it('a care unit gone from KIV offers nothing new and refuses a grant with CARE_UNIT_INACTIVE', async () => {
      const other = await asOf(t, '2026-01-01', () => newTeam(t));
      const client = await signedIn(t, other.orderer);
      const nurse = await newPerson(t, { unit: other.unit });
      await newHolding(t, { holder: nurse, unit: other.unit, assignment: 'vob' });
      await inactivate('care_unit', other.unit.id);
      const tree = await client
        .get('/api/orderable-assignments')
        .query({ type: 'GRANT', endUserId: nurse.id })
        .expect(200);
      expect(tree.body.units).toEqual([]);
      const body = await refusedWithoutTrace(
        t,
        client,
        sendIn(other, nurse, [other.unit.assignments.stat], today),
        422,
      );
      expect(rulesOf(body)).toEqual([[0, 'CARE_UNIT_INACTIVE']]);
      // What is held there can still be ended.
      await place(client, { ...sendIn(other, nurse, [other.unit.assignments.vob], today), type: 'REVOKE' });
    });
  });

  describe('attest', () => {
    it('a pending grant for a person who became inactive cannot be approved, but can be rejected', async () => {
      const nurse = await newPerson(t, { unit: team.unit });
      const [order] = await place(orderer, sendIn(team, nurse, [team.unit.assignments.kval], today));
      await inactivate('person', nurse.id);
      const res = await attestant
        .post('/api/attest/sign-requests')
        .send({ decision: 'APPROVE', orderIds: [order.id] })
        .expect(422);
      expect(res.body).toMatchObject({
        type: 'urn:beh:problem:attest-rule',
        orders: [expect.objectContaining({ orderId: order.id, rule: 'PERSON_INACTIVE' })],
      });
      expect(res.body.detail).toContain('Avslå den');
      const reject = await requestSignature(attestant, {
        decision: 'REJECT',
        orderIds: [order.id],
        comment: 'Finns inte längre i KIV',
      });
      expect(reject.requestId).toEqual(expect.any(String));
    });
  });

  describe('delegations', () => {
    it('an inactive person gets no delegation, and no delegation is made at an inactive unit', async () => {
      const gone = await newPerson(t, { unit: team.unit });
      await inactivate('person', gone.id);
      const res = await head
        .post('/api/delegations')
        .send({ delegateId: gone.id, careUnitId: team.unit.id, rights: ['ORDER'], validFrom: today })
        .expect(400);
      expect(res.body.errors.delegateId).toEqual([
        'Personen är inaktiv i katalogen (finns inte längre i KIV) och kan inte få en delegering.',
      ]);

      const other = await asOf(t, '2026-01-01', () => newTeam(t));
      const otherHead = await signedIn(t, other.head as PersonMade);
      const nurse = await newPerson(t, { unit: other.unit });
      await inactivate('care_unit', other.unit.id);
      const unitGone = await otherHead
        .post('/api/delegations')
        .send({ delegateId: nurse.id, careUnitId: other.unit.id, rights: ['ORDER'], validFrom: today })
        .expect(400);
      expect(unitGone.body.errors.careUnitId).toEqual([
        'Vårdenheten är inaktiv i katalogen (finns inte längre i KIV) och kan inte få nya delegeringar.',
      ]);
    });
  });

  describe('grids', () => {
    const list = (resource: string, filter: Record<string, unknown>) =>
      admin
        .get(`/api/${resource}`)
        .query({ filter: JSON.stringify(filter), range: '[0,99]' })
        .expect(200);

    it('persons: only active ones unless showInactive, and always by id', async () => {
      const gone = await newPerson(t, { unit: team.unit });
      await inactivate('person', gone.id);
      const ids = (body: { id: string }[]) => body.map((p) => p.id);
      expect(ids((await list('persons', { q: gone.userId })).body)).toEqual([]);
      const shown = await list('persons', { q: gone.userId, showInactive: true });
      expect(shown.body).toEqual([expect.objectContaining({ id: gone.id, directoryActive: false })]);
      expect(ids((await list('persons', { id: [gone.id] })).body)).toEqual([gone.id]);
      const detail = await admin.get(`/api/persons/${gone.id}`).expect(200);
      expect(detail.body.directoryActive).toBe(false);
      await admin
        .get('/api/persons')
        .query({ filter: JSON.stringify({ showInactive: 'maybe' }) })
        .expect(400);
    });

    it('care units, assignments, providers and administrations carry the flag and the filter', async () => {
      const other = await asOf(t, '2026-01-01', () => newTeam(t));
      await inactivate('care_unit', other.unit.id);
      await inactivate('assignment', other.unit.assignments.stat.id);
      await t.dataSource.query('UPDATE administration SET active = false WHERE id = $1', [
        other.unit.administrationId,
      ]);
      await t.dataSource.query('UPDATE care_provider SET active = false WHERE id = $1', [
        other.unit.careProviderId,
      ]);
      const ids = (res: { body: { id: string }[] }) => res.body.map((r) => r.id);

      expect(ids(await list('care-units', { q: other.unit.name }))).toEqual([]);
      expect(await list('care-units', { q: other.unit.name, showInactive: true })).toMatchObject({
        body: [{ id: other.unit.id, directoryActive: false }],
      });

      const active = ids(await list('assignments', { careUnitId: other.unit.id }));
      expect(active).toContain(other.unit.assignments.vob.id);
      expect(active).not.toContain(other.unit.assignments.stat.id);
      const all = await list('assignments', { careUnitId: other.unit.id, showInactive: true });
      expect(all.body).toContainEqual(
        expect.objectContaining({ id: other.unit.assignments.stat.id, directoryActive: false }),
      );

      expect(ids(await list('administrations', { id: [other.unit.administrationId] }))).toEqual([
        other.unit.administrationId,
      ]);
      expect(ids(await list('administrations', { careProviderId: other.unit.careProviderId }))).toEqual([]);
      expect(
        ids(await list('administrations', { careProviderId: other.unit.careProviderId, showInactive: true })),
      ).toEqual([other.unit.administrationId]);
      const providers = await list('care-providers', { showInactive: true });
      expect(providers.body).toContainEqual(
        expect.objectContaining({ id: other.unit.careProviderId, directoryActive: false }),
      );
      expect(ids(await list('care-providers', {}))).not.toContain(other.unit.careProviderId);
    });
  });
});
