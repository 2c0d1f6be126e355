import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../server/src/common/clock.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  AVD12,
  footprint,
  KVAL_SOL,
  listUrl,
  person,
  place,
  rulesOf,
  send,
  STAT_AVD12,
  VOB_SOL,
} from './orders-support.js';

/** The orderer's own actions on an order awaiting attest: Byt attestant and Makulera. */
describe('change of attestant and cancel', () => {
  let t: TestApp;
  let today: string;
  let eriho2: Client;
  let karlu1: Client;
  let sarbe3: Client;
  let admin: Client;

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    [eriho2, karlu1, sarbe3, admin] = await Promise.all(
      ['eriho2', 'karlu1', 'sarbe3', 'admin1'].map((u) => signIn(t, u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

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
    beforeAll(async () => {
      [{ id: orderId }] = await place(eriho2, send('nilbo4', [VOB_SOL], today));
    });

    it('the orderer changes the attestant: the new one is mailed, the change is an audit event', async () => {
      const res = await changeAttestant(eriho2, orderId, person('karlu1')).expect(200);
      expect(res.body).toMatchObject({
        id: orderId,
        status: 'AWAITING_ATTEST',
        attestantId: person('karlu1'),
        attestantName: 'Karin Lund',
        attestantUserId: 'karlu1',
        canChangeAttestant: true,
        canCancel: true,
      });
      expect(res.body.events.map((e: { action: string }) => e.action)).toEqual([
        'ORDER_PLACED',
        'ORDER_ATTESTANT_CHANGED',
      ]);
      const mails = await mailsOf(orderId);
      expect(mails.map((m) => [m.template, m.to])).toEqual([
        ['ORDER_AWAITING_ATTEST', 'sara.berg@vgr.example'],
        ['ATTESTANT_CHANGED', 'karin.lund@vgr.example'],
      ]);
      const changed = mails.find((m) => m.template === 'ATTESTANT_CHANGED');
      expect(changed?.text).toContain('från Sara Berg till dig');
      expect(changed?.text).toContain(`${t.config.publicUrl}/#/attest/${orderId}`);
      const [, event] = await eventsOf(orderId);
      expect(event).toMatchObject({
        action: 'ORDER_ATTESTANT_CHANGED',
        actor_id: person('eriho2'),
        before: { attestantId: person('sarbe3') },
        after: { attestantId: person('karlu1'), status: 'AWAITING_ATTEST' },
      });
      expect((await admin.get('/api/audit-events/verify').expect(200)).body).toMatchObject({ ok: true });
    });

    it('the former attestant no longer has it to attest (sarbe3 still sees it through her rights on the unit)', async () => {
      const queue = await sarbe3.get(listUrl({ scope: 'attest' })).expect(200);
      expect(queue.body.map((o: { id: string }) => o.id)).not.toContain(orderId);
      const all = await sarbe3.get(listUrl({ scope: 'all' })).expect(200);
      expect(all.body.map((o: { id: string }) => o.id)).toContain(orderId);
    });

    it('only the orderer may change it; others who see it get 403, strangers 404', async () => {
      const notOrderer = await refusedUnchanged(orderId, 403, () =>
        changeAttestant(karlu1, orderId, person('sarbe3')),
      );
      expect(rulesOf(notOrderer)).toEqual([[null, 'NOT_ORDERER']]);
      const petny8 = await signIn(t, 'petny8');
      const stranger = await refusedUnchanged(orderId, 404, () =>
        changeAttestant(petny8, orderId, person('sarbe3')),
      );
      expect(stranger.type).toBe('urn:beh:problem:not-found');
      await refusedUnchanged(orderId, 404, () => changeAttestant(eriho2, randomUUID(), person('sarbe3')));
      await refusedUnchanged(orderId, 404, () => changeAttestant(eriho2, 'BEH5648820', person('sarbe3')));
    });

    it('only to someone else who may attest there', async () => {
      const same = await refusedUnchanged(orderId, 422, () =>
        changeAttestant(eriho2, orderId, person('karlu1')),
      );
      expect(rulesOf(same)).toEqual([[null, 'SAME_ATTESTANT']]);
      const nilbo4 = await refusedUnchanged(orderId, 422, () =>
        changeAttestant(eriho2, orderId, person('nilbo4')),
      );
      expect(nilbo4.violations).toEqual([
        expect.objectContaining({ line: 0, rule: 'ATTESTANT_NOT_ALLOWED', assignmentId: VOB_SOL }),
      ]);
      await refusedUnchanged(orderId, 422, () => changeAttestant(eriho2, orderId, randomUUID()));
      const malformed = await refusedUnchanged(orderId, 400, () =>
        changeAttestant(eriho2, orderId, 'sarbe3'),
      );
      expect(malformed).toMatchObject({ errors: { attestantId: ['måste vara ett giltigt id'] } });
    });

    it('an attestant whose rights ended loses the order when it is given to someone else', async () => {
      // karlu1 lets nilbo4 attest on Avdelning 12, orders with nilbo4 attesting, then revokes that.
      const delegation = await karlu1
        .post('/api/delegations')
        .send({ delegateId: person('nilbo4'), careUnitId: AVD12, rights: ['ATTEST'], validFrom: today })
        .expect(201);
      const [{ id }] = await place(
        karlu1,
        send('ahmal7', [STAT_AVD12], today, { attestants: { [AVD12]: person('nilbo4') } }),
      );
      await karlu1.patch(`/api/delegations/${delegation.body.id}`).send({ status: 'REVOKED' }).expect(200);
      const nilbo4 = await signIn(t, 'nilbo4');
      await nilbo4.get(`/api/orders/${id}`).expect(200);

      await changeAttestant(karlu1, id, person('karlu1')).expect(200);
      await nilbo4.get(`/api/orders/${id}`).expect(404);
      expect((await nilbo4.get(listUrl({ scope: 'attest' })).expect(200)).body).toEqual([]);
    });
  });

  describe('Makulera', () => {
    let orderId: string;
    beforeAll(async () => {
      [{ id: orderId }] = await place(eriho2, send('linma5', [KVAL_SOL], today));
    });

    it('only the orderer may cancel', async () => {
      const body = await refusedUnchanged(orderId, 403, () => karlu1.post(`/api/orders/${orderId}/cancel`));
      expect(rulesOf(body)).toEqual([[null, 'NOT_ORDERER']]);
      const linma5 = await signIn(t, 'linma5');
      // The end user sees the order, but it is not hers to cancel.
      await linma5.get(`/api/orders/${orderId}`).expect(200);
      await refusedUnchanged(orderId, 403, () => linma5.post(`/api/orders/${orderId}/cancel`));
      await refusedUnchanged(orderId, 404, () => eriho2.post(`/api/orders/${randomUUID()}/cancel`));
    });

    it('the orderer cancels: CANCELLED, lines REMOVED, the attestant told, the line free to order again', async () => {
      const res = await eriho2.post(`/api/orders/${orderId}/cancel`).expect(200);
      expect(res.body).toMatchObject({ status: 'CANCELLED', canCancel: false, canChangeAttestant: false });
      expect(res.body.items.map((i: { status: string }) => i.status)).toEqual(['REMOVED']);
      expect((await mailsOf(orderId)).map((m) => [m.template, m.to])).toEqual([
        ['ORDER_AWAITING_ATTEST', 'sara.berg@vgr.example'],
        ['ORDER_CANCELLED', 'sara.berg@vgr.example'],
      ]);
      const events = await eventsOf(orderId);
      expect(events.map((e) => [e.action, e.actor_id, e.after.status])).toEqual([
        ['ORDER_PLACED', person('eriho2'), 'AWAITING_ATTEST'],
        ['ORDER_CANCELLED', person('eriho2'), 'CANCELLED'],
      ]);
      expect(events[1].after.items.map((i) => i.status)).toEqual(['REMOVED']);
      await place(eriho2, send('linma5', [KVAL_SOL], today));
    });

    it('a cancelled order can neither be cancelled again nor get another attestant', async () => {
      const again = await refusedUnchanged(orderId, 409, () => eriho2.post(`/api/orders/${orderId}/cancel`));
      expect(again.violations).toEqual([
        {
          line: null,
          rule: 'NOT_AWAITING_ATTEST',
          message: 'Beställningen väntar inte längre på attest och kan inte ändras.',
        },
      ]);
      const change = await refusedUnchanged(orderId, 409, () =>
        changeAttestant(eriho2, orderId, person('karlu1')),
      );
      expect(rulesOf(change)).toEqual([[null, 'NOT_AWAITING_ATTEST']]);
    });

    it('an approved order cannot be cancelled', async () => {
      const [{ id }] = await place(eriho2, send('petny8', [KVAL_SOL], today));
      await t.dataSource.transaction((m) =>
        t.app
          .get(OrderStateMachine)
          .apply(m, id, { action: 'ORDER_APPROVED', actorId: person('sarbe3'), to: 'APPROVED' }),
      );
      expect(rulesOf(await refusedUnchanged(id, 409, () => eriho2.post(`/api/orders/${id}/cancel`)))).toEqual(
        [[null, 'NOT_AWAITING_ATTEST']],
      );
      const detail = await eriho2.get(`/api/orders/${id}`).expect(200);
      expect(detail.body).toMatchObject({ status: 'APPROVED', canCancel: false, canChangeAttestant: false });
    });
  });
});
