import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Clock } from '../../server/src/common/clock.js';
import { newAdministrator, newTeam, signedIn, type Team } from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { certificateId, ordersToAttest, requestSignature } from './attest-support.js';
import { addDays } from './orders-support.js';

/**
 * Batch attest: one decision and one signature over a document listing every order (rule 6), by
 * the attestant of a team made by the factories.
 */
describe('batch attest', () => {
  let t: TestApp;
  let today: string;
  let team: Team;
  let sara: Client;

  const statuses = async (ids: string[]) =>
    t.dataSource.query<{ status: string; n: number; requests: number }[]>(
      `SELECT status, count(*)::int AS n, count(DISTINCT sign_request_id)::int AS requests
         FROM vmu_order WHERE id = ANY($1::uuid[]) GROUP BY status`,
      [ids],
    );

  beforeAll(async () => {
    t = await createTestApp();
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    sara = await signedIn(t, team.attestant);
  });
  afterAll(async () => {
    await t.close();
  });

  it('approves 500 orders with one signature; those due today are carried out at once', async () => {
    const later = await ordersToAttest(t, team, 250, addDays(today, 10));
    const due = await ordersToAttest(t, team, 250, today);
    const ids = [...later, ...due];
    const queued = await sara.get('/api/attest/queue?range=[0,999]').expect(200);
    expect(queued.headers['content-range']).toBe('attest-queue 0-499/500');

    const { requestId, document } = await requestSignature(sara, { orderIds: ids, decision: 'APPROVE' });
    expect(document).toContain('Antal beställningar: 500\n');
    expect(document.match(/^Beställning BEH\d{7}$/gm)).toHaveLength(500);
    const certificate = await certificateId(sara, requestId);
    const res = await sara
      .post(`/api/signing/${requestId}/sign`)
      .send({ certificateId: certificate, pin: '1234' });
    expect(res.status).toBe(200);
    // How long it takes is bench:attest's to measure (the target: < 2 s of server time), not
    // a test's: on a slow shared machine this took 9-18 s, and a timed test fails there for nothing.

    expect(await statuses(later)).toEqual([{ status: 'APPROVED', n: 250, requests: 1 }]);
    expect(await statuses(due)).toEqual([{ status: 'COMPLETED', n: 250, requests: 1 }]);
    const [events] = await t.dataSource.query<{ approved: number; completed: number }[]>(
      `SELECT count(*) FILTER (WHERE action = 'ORDER_APPROVED')::int AS approved,
              count(*) FILTER (WHERE action = 'ORDER_COMPLETED')::int AS completed
         FROM audit_event WHERE entity_id = ANY($1::text[])`,
      [ids],
    );
    expect(events).toEqual({ approved: 500, completed: 250 });
    expect((await sara.get('/api/attest/counts').expect(200)).body).toMatchObject({ all: 0 });
    // The whole chain still holds after 750 events in one transaction.
    const admin = await signedIn(t, await newAdministrator(t));
    expect((await admin.get('/api/audit-events/verify').expect(200)).body).toMatchObject({ ok: true });
  }, 120_000);

  it('rejects a batch with one comment, mailing each orderer', async () => {
    const ids = await ordersToAttest(t, team, 20, addDays(today, 10));
    const { requestId } = await requestSignature(sara, {
      orderIds: ids,
      decision: 'REJECT',
      comment: 'Fel uppdrag',
    });
    const certificate = await certificateId(sara, requestId);
    await sara
      .post(`/api/signing/${requestId}/sign`)
      .send({ certificateId: certificate, pin: '1234' })
      .expect(200);
    expect(await statuses(ids)).toEqual([{ status: 'REJECTED', n: 20, requests: 1 }]);
    const [mails] = await t.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM mail_outbox WHERE template = 'ORDER_REJECTED' AND related_id = ANY($1::text[])
          AND text_body LIKE '%Fel uppdrag%'`,
      [ids],
    );
    expect(mails.n).toBe(20);
  });
});
