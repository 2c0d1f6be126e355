import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import {
  newAdministrator,
  newPerson,
  newTeam,
  type PersonMade,
  signedIn,
  type Team,
} from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createOrders, freeLines, orderState, requestSignature, sign } from './attest-support.js';
import { addDays } from './orders-support.js';

/**
 * Ersättare (issue 17, point 4; domain.md rule 41): an attestant names a stand-in for a period,
 * who then sees and decides what waits for the attestant; the signed text and the audit name both.
 * A team made by the factories: its attestant names Stella, a member of staff with no rights.
 */
describe('stand-ins', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let stella: PersonMade;
  let attestant: Client;
  let stellaClient: Client;
  let staff: Client;
  let admin: Client;
  let otherAttestant: Client;
  let other: Team;

  const name = (p: PersonMade) => `${p.firstName} ${p.lastName}`;
  const orderFor = async (endUser?: PersonMade) => {
    const [line] = endUser
      ? [{ endUserId: endUser.id, assignmentId: team.unit.assignments.vob.id }]
      : await freeLines(t, team, 1);
    const [id] = await createOrders(t, team, [
      { endUserId: line.endUserId, assignmentIds: [line.assignmentId], startDate: addDays(today, 5) },
    ]);
    return id;
  };
  const queueIds = async (client: Client) =>
    ((await client.get('/api/attest/queue').expect(200)).body as { id: string }[]).map((o) => o.id);
  const name_ = async (from: string, to: string, who = stella, by = attestant) => {
    const res = await by.post('/api/stand-ins').send({ standInId: who.id, validFrom: from, validTo: to });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; status: string; mine: boolean };
  };
  const endAll = async () => {
    await t.dataSource.query(`UPDATE stand_in SET revoked_at = now() WHERE revoked_at IS NULL`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    stella = await newPerson(t, { unit: team.unit, firstName: 'Stella' });
    other = await newTeam(t);
    [attestant, stellaClient, staff, admin, otherAttestant] = await Promise.all(
      [
        team.attestant,
        stella,
        await newPerson(t, { unit: team.unit }),
        await newAdministrator(t),
        other.attestant,
      ].map((p) => signedIn(t, p)),
    );
  });
  afterEach(async () => {
    t.app.get(Clock).set(undefined);
    await endAll();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('naming', () => {
    it('names a stand-in: listed for both, mailed to the stand-in, audited', async () => {
      const created = await name_(today, addDays(today, 7));
      expect(created).toMatchObject({
        attestantId: team.attestant.id,
        standInId: stella.id,
        standInName: name(stella),
        validFrom: today,
        validTo: addDays(today, 7),
        revokedAt: null,
        status: 'ACTIVE',
        mine: true,
      });
      const seen = (await stellaClient.get('/api/stand-ins').expect(200)).body as {
        id: string;
        mine: boolean;
      }[];
      expect(seen.find((s) => s.id === created.id)).toMatchObject({ mine: false });
      expect((await staff.get('/api/stand-ins').expect(200)).body).toEqual([]);
      const all = (await admin.get('/api/stand-ins').expect(200)).body as { id: string }[];
      expect(all.map((s) => s.id)).toContain(created.id);
      const mails = await t.dataSource.query<{ template: string; to: string; subject: string }[]>(
        `SELECT template, to_address AS "to", subject FROM mail_outbox WHERE related_type = 'stand_in' AND related_id = $1`,
        [created.id],
      );
      expect(mails).toEqual([
        {
          template: 'STAND_IN_NAMED',
          to: stella.email,
          subject: expect.stringContaining('Du är ersättare för'),
        },
      ]);
      const events = await t.dataSource.query<{ action: string; after: Record<string, unknown> }[]>(
        `SELECT action, after FROM audit_event WHERE entity_type = 'stand_in' AND entity_id = $1`,
        [created.id],
      );
      expect(events).toEqual([
        {
          action: 'STAND_IN_NAMED',
          after: expect.objectContaining({ standInId: stella.id, validFrom: today }),
        },
      ]);
    });

    it('validates with Swedish field messages, never a 500', async () => {
      const bad = await attestant
        .post('/api/stand-ins')
        .send({ standInId: 'x', validFrom: '2026-02-30' })
        .expect(400);
      expect(Object.keys((bad.body as { errors: Record<string, string[]> }).errors).sort()).toEqual([
        'standInId',
        'validFrom',
        'validTo',
      ]);
      const cases: [Record<string, unknown>, string, string][] = [
        [{ standInId: team.attestant.id }, 'standInId', 'Du kan inte vara din egen ersättare.'],
        [{ standInId: randomUUID() }, 'standInId', 'Personen finns inte.'],
        [{ validFrom: addDays(today, -1) }, 'validFrom', 'Startdatumet får inte vara tidigare än i dag.'],
        [{ validTo: addDays(today, -1) }, 'validTo', 'Slutdatumet får inte vara före startdatumet.'],
        [{ validTo: addDays(today, 367) }, 'validTo', 'En ersättare kan utses för högst ett år i taget.'],
      ];
      for (const [change, field, message] of cases) {
        const res = await attestant
          .post('/api/stand-ins')
          .send({ standInId: stella.id, validFrom: today, validTo: addDays(today, 3), ...change })
          .expect(400);
        expect(res.body).toMatchObject({
          type: 'urn:beh:problem:validation',
          errors: { [field]: [message] },
        });
      }
    });

    it('refuses one without attest rights (403) and an overlapping period of the same pair (409)', async () => {
      const refused = await staff
        .post('/api/stand-ins')
        .send({ standInId: stella.id, validFrom: today, validTo: addDays(today, 3) })
        .expect(403);
      expect(refused.body).toMatchObject({
        detail: 'Bara den som har rätt att attestera kan utse en ersättare.',
      });
      await name_(addDays(today, 2), addDays(today, 5));
      const overlap = await attestant
        .post('/api/stand-ins')
        .send({ standInId: stella.id, validFrom: addDays(today, 5), validTo: addDays(today, 9) })
        .expect(409);
      expect(overlap.body).toMatchObject({ type: 'urn:beh:problem:stand-in-overlap' });
      // After it, or another attestant naming the same person: no overlap.
      await name_(addDays(today, 6), addDays(today, 9));
      await otherAttestant
        .post('/api/stand-ins')
        .send({ standInId: stella.id, validFrom: addDays(today, 2), validTo: addDays(today, 5) })
        .expect(201);
    });

    it('is ended by the attestant or an administrator, not by the stand-in or anyone else', async () => {
      const first = await name_(today, addDays(today, 3));
      await stellaClient.delete(`/api/stand-ins/${first.id}`).expect(403);
      await staff.delete(`/api/stand-ins/${first.id}`).expect(404);
      await staff.delete('/api/stand-ins/nonsense').expect(404);
      const ended = await attestant.delete(`/api/stand-ins/${first.id}`).expect(200);
      expect(ended.body).toMatchObject({ status: 'REVOKED', revokedAt: expect.any(String) });
      await attestant.delete(`/api/stand-ins/${first.id}`).expect(409);
      const second = await name_(addDays(today, 4), addDays(today, 6));
      await admin.delete(`/api/stand-ins/${second.id}`).expect(200);
      const events = await t.dataSource.query<{ action: string }[]>(
        `SELECT action FROM audit_event WHERE entity_type = 'stand_in' AND entity_id = ANY($1::text[]) ORDER BY id`,
        [[first.id, second.id]],
      );
      expect(events.map((e) => e.action)).toEqual([
        'STAND_IN_NAMED',
        'STAND_IN_REVOKED',
        'STAND_IN_NAMED',
        'STAND_IN_REVOKED',
      ]);
      const [mail] = await t.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM mail_outbox WHERE template = 'STAND_IN_ENDED' AND related_id = $1`,
        [first.id],
      );
      expect(mail.n).toBe(1);
    });
  });

  describe('attesting as a stand-in', () => {
    it('sees the orders within the period, marked, and approves one: the signed text and the audit name both', async () => {
      const orderId = await orderFor();
      expect(await queueIds(stellaClient)).not.toContain(orderId);
      await stellaClient.get(`/api/attest/orders/${orderId}`).expect(404);

      await name_(today, addDays(today, 7));
      const queue = (await stellaClient.get('/api/attest/queue').expect(200)).body as {
        id: string;
        standInFor: { id: string; name: string } | null;
      }[];
      expect(queue.find((o) => o.id === orderId)).toMatchObject({
        standInFor: { id: team.attestant.id, name: name(team.attestant), userId: team.attestant.userId },
      });
      expect(((await stellaClient.get('/api/attest/counts').expect(200)).body as { all: number }).all).toBe(
        queue.length,
      );
      // The attestant's own queue shows it as theirs.
      const own = (await attestant.get('/api/attest/queue').expect(200)).body as {
        id: string;
        standInFor: unknown;
      }[];
      expect(own.find((o) => o.id === orderId)?.standInFor).toBeNull();
      const page = await stellaClient.get(`/api/attest/orders/${orderId}`).expect(200);
      expect(page.body).toMatchObject({ asStandIn: true, attestant: { id: team.attestant.id } });

      const request = await requestSignature(stellaClient, { orderIds: [orderId], decision: 'APPROVE' });
      expect(request.document).toContain(
        `Attesterad av ${name(stella)} (${stella.userId}) som ersättare för ${name(team.attestant)} (${team.attestant.userId})`,
      );
      const signed = await sign(stellaClient, request.requestId);
      expect(signed.status).toBe(200);
      expect((await orderState(t, orderId)).status).toBe('APPROVED');
      const [{ attestantId }] = await t.dataSource.query<{ attestantId: string }[]>(
        'SELECT attestant_id AS "attestantId" FROM vmu_order WHERE id = $1',
        [orderId],
      );
      expect(attestantId).toBe(team.attestant.id);
      const [approved] = await t.dataSource.query<{ actorId: string; after: Record<string, unknown> }[]>(
        `SELECT actor_id AS "actorId", after FROM audit_event
          WHERE entity_type = 'order' AND entity_id = $1 AND action = 'ORDER_APPROVED'`,
        [orderId],
      );
      expect(approved).toMatchObject({
        actorId: stella.id,
        after: { standInFor: { attestantId: team.attestant.id, userId: team.attestant.userId } },
      });
      const [requested] = await t.dataSource.query<{ after: Record<string, unknown> }[]>(
        `SELECT after FROM audit_event
          WHERE entity_type = 'sign_request' AND entity_id = $1 AND action = 'ATTEST_SIGN_REQUESTED'`,
        [request.requestId],
      );
      expect(requested.after).toMatchObject({
        standInFor: [{ attestantId: team.attestant.id, orderNumbers: [expect.any(String)] }],
      });
      // Verifiera signatur binds the signed text to the order's attestant through the stand-in line.
      const check = await admin.get(`/api/orders/${orderId}/signature`).expect(200);
      expect(check.body).toMatchObject({ ok: true, decision: 'APPROVE' });
    });

    it('finds nothing before the period, after it, or once it is revoked', async () => {
      const orderId = await orderFor();
      const row = await name_(addDays(today, 3), addDays(today, 5));
      const invisible = async () => {
        expect(await queueIds(stellaClient)).not.toContain(orderId);
        await stellaClient.get(`/api/attest/orders/${orderId}`).expect(404);
        await stellaClient
          .post('/api/attest/sign-requests')
          .send({ orderIds: [orderId], decision: 'APPROVE' })
          .expect(404);
      };
      const period = (from: string, to: string) =>
        t.dataSource.query(`UPDATE stand_in SET valid_from = $2, valid_to = $3 WHERE id = $1`, [
          row.id,
          from,
          to,
        ]);
      await invisible();
      // Run out yesterday (moved in the table: a session does not outlive a moved clock).
      await period(addDays(today, -5), addDays(today, -1));
      await invisible();
      // Within it: the same queue (its kept answers included) now holds the order.
      await period(addDays(today, -1), addDays(today, 1));
      expect(await queueIds(stellaClient)).toContain(orderId);
      await stellaClient.get(`/api/attest/orders/${orderId}`).expect(200);
      await attestant.delete(`/api/stand-ins/${row.id}`).expect(200);
      await invisible();
    });

    it('refuses at signing when the stand-in was ended after the request was made (409, nothing decided)', async () => {
      const orderId = await orderFor();
      const row = await name_(today, addDays(today, 3));
      const request = await requestSignature(stellaClient, { orderIds: [orderId], decision: 'APPROVE' });
      await attestant.delete(`/api/stand-ins/${row.id}`).expect(200);
      const signed = await sign(stellaClient, request.requestId);
      expect(signed.status).toBe(409);
      expect(signed.body).toMatchObject({ detail: expect.stringContaining('inte längre ersättare') });
      expect((await orderState(t, orderId)).status).toBe('AWAITING_ATTEST');
    });

    it('rule 11: a stand-in approves no order for themselves, but may reject it', async () => {
      const orderId = await orderFor(stella);
      await name_(today, addDays(today, 3));
      const refused = await stellaClient
        .post('/api/attest/sign-requests')
        .send({ orderIds: [orderId], decision: 'APPROVE' })
        .expect(403);
      expect(refused.body).toMatchObject({ orders: [{ rule: 'OWN_ACCESS' }] });
      const reject = await requestSignature(stellaClient, {
        orderIds: [orderId],
        decision: 'REJECT',
        comment: 'Inte jag.',
      });
      expect((await sign(stellaClient, reject.requestId)).status).toBe(200);
      expect((await orderState(t, orderId)).status).toBe('REJECTED');
    });
  });
  describe('a stand-in with no rights of their own', () => {
    interface MeBody {
      standingInFor: { attestantId: string; name: string; userId: string; until: string }[];
      tiles: { attest: boolean };
      units: unknown[];
    }
    const me = async (client: Client) => (await client.get('/api/me').expect(200)).body as MeBody;
    const waiting = async (client: Client) =>
      ((await client.get('/api/attest/counts').expect(200)).body as { all: number }).all;

    it('is served the attest tile by /api/me while standing in, and the queue counts the orders', async () => {
      const orderId = await orderFor();
      const before = await me(stellaClient);
      expect(before).toMatchObject({ standingInFor: [], tiles: { attest: false }, units: [] });
      // Not yet begun: still nothing.
      const row = await name_(addDays(today, 1), addDays(today, 4));
      expect(await me(stellaClient)).toMatchObject({ standingInFor: [], tiles: { attest: false } });

      await t.dataSource.query(`UPDATE stand_in SET valid_from = $2 WHERE id = $1`, [row.id, today]);
      const during = await me(stellaClient);
      expect(during.standingInFor).toEqual([
        {
          attestantId: team.attestant.id,
          name: name(team.attestant),
          userId: team.attestant.userId,
          until: addDays(today, 4),
        },
      ]);
      expect(during.tiles.attest).toBe(true);
      expect(during.units).toEqual([]);
      // The queue's routes let her in (no rights-holder policy on them), and count the order.
      expect(await queueIds(stellaClient)).toContain(orderId);
      const count = await waiting(stellaClient);
      expect(count).toBe(await waiting(attestant));
      expect(count).toBeGreaterThan(0);
      await stellaClient.get('/api/attest/batches').expect(200);
      // Still no attest rights of her own: she names no stand-in herself.
      await stellaClient
        .post('/api/stand-ins')
        .send({ standInId: team.attestant.id, validFrom: today, validTo: today })
        .expect(403);

      await attestant.delete(`/api/stand-ins/${row.id}`).expect(200);
      expect(await me(stellaClient)).toMatchObject({ standingInFor: [], tiles: { attest: false } });
      expect(await waiting(stellaClient)).toBe(0);
    });

    it('opens the order view of a waiting order within the period only, and keeps the one she decided', async () => {
      const orderId = await orderFor();
      const decidedByAttestant = await orderFor();
      const view = (client: Client, id: string, status: number) =>
        client.get(`/api/orders/${id}`).expect(status);
      await view(stellaClient, orderId, 404);

      const row = await name_(today, addDays(today, 7));
      const seen = await view(stellaClient, orderId, 200);
      expect(seen.body).toMatchObject({
        id: orderId,
        status: 'AWAITING_ATTEST',
        attestantId: team.attestant.id,
        canChangeAttestant: false,
        canCancel: false,
      });
      // Feedback stays the orderer's alone (rule 7).
      expect((seen.body as { feedback?: unknown }).feedback ?? null).toBeNull();

      // Decided by the attestant himself: no longer waiting, so no longer hers to see.
      const own = await requestSignature(attestant, { orderIds: [decidedByAttestant], decision: 'APPROVE' });
      expect((await sign(attestant, own.requestId)).status).toBe(200);
      await view(stellaClient, decidedByAttestant, 404);
      await stellaClient.get(`/api/orders/${decidedByAttestant}/signature`).expect(404);

      // Run out, then within it again, then ended: 404, 200, 404.
      const period = (from: string, to: string) =>
        t.dataSource.query(`UPDATE stand_in SET valid_from = $2, valid_to = $3 WHERE id = $1`, [
          row.id,
          from,
          to,
        ]);
      await period(addDays(today, -5), addDays(today, -1));
      await view(stellaClient, orderId, 404);
      await period(today, addDays(today, 7));
      await view(stellaClient, orderId, 200);

      // She decides it; once she no longer stands in she still sees the order she decided, and
      // its signature, but no other order of the attestant's.
      const request = await requestSignature(stellaClient, {
        orderIds: [orderId],
        decision: 'REJECT',
        comment: 'Fel enhet.',
      });
      expect((await sign(stellaClient, request.requestId)).status).toBe(200);
      const waitingOne = await orderFor();
      await attestant.delete(`/api/stand-ins/${row.id}`).expect(200);
      const decided = await view(stellaClient, orderId, 200);
      expect(decided.body).toMatchObject({ status: 'REJECTED', attestantId: team.attestant.id });
      const check = await stellaClient.get(`/api/orders/${orderId}/signature`).expect(200);
      expect(check.body).toMatchObject({ ok: true, decision: 'REJECT' });
      await view(stellaClient, waitingOne, 404);
      await stellaClient.get(`/api/attest/orders/${waitingOne}`).expect(404);
      // Someone else with no part in it still finds nothing.
      await view(staff, orderId, 404);
    });
  });

  describe('stand-ins do not chain', () => {
    it("a stand-in's own stand-in sees nothing of the first attestant's", async () => {
      const orderId = await orderFor();
      // The other team's attestant (attest rights of his own) stands in for ours, and names Stella.
      await name_(today, addDays(today, 7), other.attestant);
      await name_(today, addDays(today, 7), stella, otherAttestant);

      expect(await queueIds(otherAttestant)).toContain(orderId);
      await otherAttestant.get(`/api/orders/${orderId}`).expect(200);

      expect(await queueIds(stellaClient)).not.toContain(orderId);
      await stellaClient.get(`/api/attest/orders/${orderId}`).expect(404);
      await stellaClient.get(`/api/orders/${orderId}`).expect(404);
      await stellaClient
        .post('/api/attest/sign-requests')
        .send({ orderIds: [orderId], decision: 'APPROVE' })
        .expect(404);
      const stellaMe = (await stellaClient.get('/api/me').expect(200)).body as {
        standingInFor: { attestantId: string }[];
      };
      expect(stellaMe.standingInFor.map((s) => s.attestantId)).toEqual([other.attestant.id]);
    });
  });
});
