import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
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
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { footprint, listUrl, place, rulesOf, sendIn } from './orders-support.js';

/**
 * The orderer's own actions on an order awaiting attest: Byt attestant and Makulera, in a team
 * made by the factories (its unit, head, orderer and attestant) and a second unit of the head's.
 */
describe('change of attestant and cancel', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let second: CareUnitMade;
  let orderer: Client;
  let head: Client;
  let attestant: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    second = await newCareUnit(t, { head: team.head });
    [orderer, head, attestant, admin] = await Promise.all([
      signedIn(t, team.orderer),
      signedIn(t, team.head),
      signedIn(t, team.attestant),
      signedIn(t, await newAdministrator(t)),
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const a = () => team.unit.assignments;
  const staff = (unit: CareUnitMade = team.unit) => newPerson(t, { unit });

  const changeAttestant = (client: Client, orderId: string, attestantId: unknown) =>
    client.post(`/api/orders/${orderId}/change-attestant`).send({ attestantId });

  /** Expects `request` to be refused with `status` and to change nothing: no row, mail or event. */
  const refusedUnchanged = async (
    orderId: string,
    status: number,
    request: () => Promise<{ status: number; body: unknown }>,
  ) => {
    const before = { ...(await footprint(t)), order: await orderRow(orderId) };
    const res = await request();
    expect(res.status).toBe(status);
    expect({ ...(await footprint(t)), order: await orderRow(orderId) }).toEqual(before);
    return res.body as Parameters<typeof rulesOf>[0] & { type?: string };
  };

  const orderRow = async (id: string) =>
    (
      await t.dataSource.query(`SELECT status, attestant_id, updated_at FROM vmu_order WHERE id = $1`, [id])
    )[0];

  const eventsOf = (id: string) =>
    t.dataSource.query<
      {
        action: string;
        actor_id: string;
        before: { attestantId: string };
        after: { attestantId: string; status: string; items: { status: string }[] };
      }[]
    >(
      `SELECT action, actor_id, before, after FROM audit_event WHERE entity_type = 'order' AND entity_id = $1 ORDER BY id`,
      [id],
    );

  const mailsOf = (id: string) =>
    t.dataSource.query<{ template: string; to: string; text: string }[]>(
      `SELECT template, to_address AS "to", text_body AS text FROM mail_outbox
        WHERE related_type = 'order' AND related_id = $1 ORDER BY created_at, template`,
      [id],
    );

  describe('Byt attestant', () => {
    let orderId: string;
    let endUser: PersonMade;
    beforeAll(async () => {
      endUser = await staff();
      [{ id: orderId }] = await place(orderer, sendIn(team, endUser, [a().vob], today));
    });

    it('the orderer changes the attestant: the new one is mailed, the change is an audit event', async () => {
      const res = await changeAttestant(orderer, orderId, team.head.id).expect(200);
      expect(res.body).toMatchObject({
        id: orderId,
        status: 'AWAITING_ATTEST',
        attestantId: team.head.id,
        attestantName: team.head.name,
        attestantUserId: team.head.userId,
        canChangeAttestant: true,
        canCancel: true,
      });
      expect(res.body.events.map((e: { action: string }) => e.action)).toEqual([
        'ORDER_PLACED',
        'ORDER_ATTESTANT_CHANGED',
      ]);
      const mails = await mailsOf(orderId);
      expect(mails.map((m) => [m.template, m.to])).toEqual([
        ['ORDER_AWAITING_ATTEST', team.attestant.email],
        ['ATTESTANT_CHANGED', team.head.email],
      ]);
      const changed = mails.find((m) => m.template === 'ATTESTANT_CHANGED');
      expect(changed?.text).toContain(`från ${team.attestant.name} till dig`);
      expect(changed?.text).toContain(`${t.config.publicUrl}/#/attest/${orderId}`);
      const [, event] = await eventsOf(orderId);
      expect(event).toMatchObject({
        action: 'ORDER_ATTESTANT_CHANGED',
        actor_id: team.orderer.id,
        before: { attestantId: team.attestant.id },
        after: { attestantId: team.head.id, status: 'AWAITING_ATTEST' },
      });
      expect((await admin.get('/api/audit-events/verify').expect(200)).body).toMatchObject({ ok: true });
    });

    it('the former attestant no longer has it to attest (but still sees it through the rights on the unit)', async () => {
      const queue = await attestant.get(listUrl({ scope: 'attest' })).expect(200);
      expect(queue.body.map((o: { id: string }) => o.id)).not.toContain(orderId);
      const all = await attestant.get(listUrl({ scope: 'all' })).expect(200);
      expect(all.body.map((o: { id: string }) => o.id)).toContain(orderId);
    });

    it('only the orderer may change it; others who see it get 403, strangers 404', async () => {
      const notOrderer = await refusedUnchanged(orderId, 403, () =>
        changeAttestant(head, orderId, team.attestant.id),
      );
      expect(rulesOf(notOrderer)).toEqual([[null, 'NOT_ORDERER']]);
      const outsider = await signedIn(t, await staff(await newCareUnit(t)));
      const stranger = await refusedUnchanged(orderId, 404, () =>
        changeAttestant(outsider, orderId, team.attestant.id),
      );
      expect(stranger.type).toBe('urn:beh:problem:not-found');
      await refusedUnchanged(orderId, 404, () => changeAttestant(orderer, randomUUID(), team.attestant.id));
      await refusedUnchanged(orderId, 404, () => changeAttestant(orderer, 'BEH5648820', team.attestant.id));
    });

    it('only to someone else who may attest there', async () => {
      const same = await refusedUnchanged(orderId, 422, () =>
        changeAttestant(orderer, orderId, team.head.id),
      );
      expect(rulesOf(same)).toEqual([[null, 'SAME_ATTESTANT']]);
      const withoutRights = await refusedUnchanged(orderId, 422, () =>
        changeAttestant(orderer, orderId, endUser.id),
      );
      expect(withoutRights.violations).toEqual([
        expect.objectContaining({ line: 0, rule: 'ATTESTANT_NOT_ALLOWED', assignmentId: a().vob.id }),
      ]);
      await refusedUnchanged(orderId, 422, () => changeAttestant(orderer, orderId, randomUUID()));
      const malformed = await refusedUnchanged(orderId, 400, () =>
        changeAttestant(orderer, orderId, team.attestant.userId),
      );
      expect(malformed).toMatchObject({ errors: { attestantId: ['måste vara ett giltigt id'] } });
    });

    it('an attestant whose rights ended loses the order when it is given to someone else', async () => {
      // The head lets a nurse attest on the second unit, orders with the nurse attesting, then revokes that.
      const nurse = await staff();
      const delegation = await head
        .post('/api/delegations')
        .send({ delegateId: nurse.id, careUnitId: second.id, rights: ['ATTEST'], validFrom: today })
        .expect(201);
      const [{ id }] = await place(
        head,
        sendIn(team, await staff(second), [second.assignments.stat], today, {
          attestants: { [second.id]: nurse.id },
        }),
      );
      await head.patch(`/api/delegations/${delegation.body.id}`).send({ status: 'REVOKED' }).expect(200);
      const formerAttestant = await signedIn(t, nurse);
      await formerAttestant.get(`/api/orders/${id}`).expect(200);

      await changeAttestant(head, id, team.head.id).expect(200);
      await formerAttestant.get(`/api/orders/${id}`).expect(404);
      expect((await formerAttestant.get(listUrl({ scope: 'attest' })).expect(200)).body).toEqual([]);
    });
  });

  describe('Makulera', () => {
    let orderId: string;
    let endUser: PersonMade;
    beforeAll(async () => {
      endUser = await staff();
      [{ id: orderId }] = await place(orderer, sendIn(team, endUser, [a().kval], today));
    });

    it('only the orderer may cancel', async () => {
      const body = await refusedUnchanged(orderId, 403, () => head.post(`/api/orders/${orderId}/cancel`));
      expect(rulesOf(body)).toEqual([[null, 'NOT_ORDERER']]);
      const endUserClient = await signedIn(t, endUser);
      // The end user sees the order, but it is not theirs to cancel.
      await endUserClient.get(`/api/orders/${orderId}`).expect(200);
      await refusedUnchanged(orderId, 403, () => endUserClient.post(`/api/orders/${orderId}/cancel`));
      await refusedUnchanged(orderId, 404, () => orderer.post(`/api/orders/${randomUUID()}/cancel`));
    });

    it('the orderer cancels: CANCELLED, lines REMOVED, the attestant told, the line free to order again', async () => {
      const res = await orderer.post(`/api/orders/${orderId}/cancel`).expect(200);
      expect(res.body).toMatchObject({ status: 'CANCELLED', canCancel: false, canChangeAttestant: false });
      expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['REMOVED']);
      expect((await mailsOf(orderId)).map((m) => [m.template, m.to])).toEqual([
        ['ORDER_AWAITING_ATTEST', team.attestant.email],
        ['ORDER_CANCELLED', team.attestant.email],
      ]);
      const events = await eventsOf(orderId);
      expect(events.map((e) => [e.action, e.actor_id, e.after.status])).toEqual([
        ['ORDER_PLACED', team.orderer.id, 'AWAITING_ATTEST'],
        ['ORDER_CANCELLED', team.orderer.id, 'CANCELLED'],
      ]);
      expect(events[1].after.items.map((i) => i.status)).toEqual(['REMOVED']);
      await place(orderer, sendIn(team, endUser, [a().kval], today));
    });

    it('a cancelled order can neither be cancelled again nor get another attestant', async () => {
      const again = await refusedUnchanged(orderId, 409, () => orderer.post(`/api/orders/${orderId}/cancel`));
      expect(again.violations).toEqual([
        {
          line: null,
          rule: 'NOT_AWAITING_ATTEST',
          message: 'Beställningen väntar inte längre på attest och kan inte ändras.',
        },
      ]);
      const change = await refusedUnchanged(orderId, 409, () =>
        changeAttestant(orderer, orderId, team.head.id),
      );
      expect(rulesOf(change)).toEqual([[null, 'NOT_AWAITING_ATTEST']]);
    });

    it('an approved order cannot be cancelled', async () => {
      const [{ id }] = await place(orderer, sendIn(team, await staff(), [a().kval], today));
      await t.dataSource.transaction((m) =>
        t.app
          .get(OrderStateMachine)
          .apply(m, id, { action: 'ORDER_APPROVED', actorId: team.attestant.id, to: 'APPROVED' }),
      );
      expect(
        rulesOf(await refusedUnchanged(id, 409, () => orderer.post(`/api/orders/${id}/cancel`))),
      ).toEqual([[null, 'NOT_AWAITING_ATTEST']]);
      const detail = await orderer.get(`/api/orders/${id}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'APPROVED', canCancel: false, canChangeAttestant: false });
    });
  });
});
