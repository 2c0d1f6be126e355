import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Attribute, Change, Client } from 'ldapts';
import { CarryOutService } from '../../server/src/orders/carry-out.service.js';
import { LdapWritesJob } from '../../server/src/scheduler/ldap-writes.job.js';
import { signIn } from '../support/sign-in.js';
import {
  LDAP_BEH_DN,
  LDAP_BEH_PASSWORD,
  LDAP_ROOT_DN,
  LDAP_ROOT_PASSWORD,
  type RunningSlapd,
  startSlapd,
} from '../support/slapd.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  KVAL_SOL,
  person,
  place,
  send,
  STAT_SOL,
  VOB_SOL,
  withoutLocalAccessFlags,
} from './orders-support.js';
import { addDays, approve, freshClient, holdings, mails, orderState, setClock } from './scheduler-support.js';

const TODAY = '2026-11-23';
const NILS = person('nilbo4');
const LINDA = person('linma5');
const UPPDRAG = 'ou=Uppdrag,dc=kiv,dc=test';

interface WriteRow {
  reason: string;
  operation: string;
  status: string;
  outcome: string | null;
  attempts: number;
  lastError: string | null;
}

/**
 * Writing carried-out assignments back to KIV (issue 15, Write back), against a real slapd: in
 * `ldap` mode a grant adds the person's HSA-id to the commission's hsaCommissionMember, a revoke
 * removes it, through the ldap_write outbox; the order is COMPLETED (mail, audit event) only once
 * KIV has the write.
 */
describe('LDAP write back of carried-out orders', () => {
  let slapd: RunningSlapd;
  let t: TestApp;
  const hsa = new Map<string, string>();

  const commissionDn = (assignmentId: string) => `cn=${hsa.get(assignmentId)},${UPPDRAG}`;

  /** Adds the commission's entry to KIV (as the directory's administrator would). */
  const addCommission = (assignmentId: string, members: string[] = []) =>
    slapd.load(
      [
        `dn: ${commissionDn(assignmentId)}`,
        'objectClass: hsaCommission',
        `cn: ${hsa.get(assignmentId)}`,
        `hsaIdentity: ${hsa.get(assignmentId)}`,
        'hsaCommissionPurpose: Vård och behandling',
        ...members.map((m) => `hsaCommissionMember: ${m}`),
        '',
      ].join('\n'),
    );

  /** Reads KIV as the root DN, not as BEH. */
  async function withRoot<T>(work: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client({ url: slapd.url });
    await client.bind(LDAP_ROOT_DN, LDAP_ROOT_PASSWORD);
    try {
      return await work(client);
    } finally {
      await client.unbind();
    }
  }

  const members = (assignmentId: string) =>
    withRoot(async (c) => {
      const { searchEntries } = await c.search(commissionDn(assignmentId), {
        scope: 'base',
        attributes: ['hsaCommissionMember'],
      });
      const value = searchEntries[0]?.hsaCommissionMember ?? [];
      return (Array.isArray(value) ? value : [value]).map(String).sort();
    });

  const changeMember = (assignmentId: string, operation: 'add' | 'delete', member: string) =>
    withRoot((c) =>
      c.modify(
        commissionDn(assignmentId),
        new Change({
          operation,
          modification: new Attribute({ type: 'hsaCommissionMember', values: [member] }),
        }),
      ),
    );

  const writesOf = (orderId: string) =>
    t.dataSource.query<WriteRow[]>(
      `SELECT reason, operation, status, outcome, attempts, last_error AS "lastError"
         FROM ldap_write WHERE order_id = $1 ORDER BY seq`,
      [orderId],
    );

  const deliver = () => t.app.get(LdapWritesJob).run();

  const placeAndCarryOut = async (body: ReturnType<typeof send>) => {
    const [{ id }] = await place(await freshClient(t, 'eriho2'), body);
    expect(await approve(t, id, true)).toBe(true);
    return id;
  };

  const handedOverAt = async (orderId: string) =>
    (
      await t.dataSource.query<{ at: Date | null }[]>(
        `SELECT handed_over_at AS at FROM vmu_order WHERE id = $1`,
        [orderId],
      )
    )[0].at;

  beforeAll(async () => {
    slapd = await startSlapd();
    await slapd.load(`dn: ${UPPDRAG}\nobjectClass: organizationalUnit\nou: Uppdrag\n`);
    t = await createTestApp({
      PUBLIC_URL: 'https://beh.example.se',
      DIRECTORY_SOURCE: 'ldap',
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: LDAP_BEH_DN,
      LDAP_PASSWORD: LDAP_BEH_PASSWORD,
      LDAP_BASE_DN: 'dc=kiv,dc=test',
      LDAP_TIMEOUT_SECONDS: '3',
    });
    await withoutLocalAccessFlags(t);
    const rows = await t.dataSource.query<{ id: string; hsaId: string }[]>(
      `SELECT id, hsa_id AS "hsaId" FROM assignment WHERE id = ANY($1::uuid[])
       UNION ALL SELECT id, hsa_id FROM person WHERE id = ANY($1::uuid[])`,
      [[VOB_SOL, STAT_SOL, KVAL_SOL, NILS, LINDA]],
    );
    for (const r of rows) hsa.set(r.id, r.hsaId);
    await addCommission(VOB_SOL);
    await addCommission(STAT_SOL, [hsa.get(LINDA) as string]);
  }, 60_000);

  afterAll(async () => {
    await t?.close();
    await slapd?.stop();
  });

  it('a grant adds the member in KIV; the order is COMPLETED only after the write', async () => {
    setClock(t, TODAY);
    const id = await placeAndCarryOut(send('nilbo4', [VOB_SOL], TODAY));

    // Carried out in BEH's view, handed over, not yet complete: KIV does not have it yet.
    expect(await holdings(t, NILS, VOB_SOL)).toEqual([{ validFrom: TODAY, validTo: null }]);
    expect(await orderState(t, id)).toMatchObject({ status: 'APPROVED', feedback: null, items: ['PENDING'] });
    expect(await handedOverAt(id)).not.toBeNull();
    expect(await writesOf(id)).toEqual([
      { reason: 'GRANT', operation: 'ADD', status: 'PENDING', outcome: null, attempts: 0, lastError: null },
    ]);
    expect(await mails(t, 'ORDER_COMPLETED', id)).toEqual([]);
    expect(await members(VOB_SOL)).toEqual([]);

    // Carrying out again does nothing: the order is handed over, not due.
    expect(await t.dataSource.transaction((m) => t.app.get(CarryOutService).carryOutIfDue(m, id))).toBe(
      false,
    );

    expect(await deliver()).toMatchObject({ done: 1, failed: 0, gaveUp: 0, completed: 1 });
    expect(await members(VOB_SOL)).toEqual([hsa.get(NILS)]);
    expect(await writesOf(id)).toEqual([
      { reason: 'GRANT', operation: 'ADD', status: 'DONE', outcome: 'WRITTEN', attempts: 1, lastError: null },
    ]);
    const state = await orderState(t, id);
    expect(state).toMatchObject({
      status: 'COMPLETED',
      feedback: 'Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Nils Boström från 2026-11-23.',
      items: ['DONE'],
    });
    // The holdings changed at hand-over (its event names what KIV was to be told), the order completed after.
    expect(state.events.map((e) => e.action)).toEqual([
      'ORDER_PLACED',
      'ORDER_APPROVED',
      'VMU_ORDER_HANDED_OVER',
      'ORDER_COMPLETED',
    ]);
    const [handedOver] = await t.dataSource.query<{ after: unknown }[]>(
      `SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'VMU_ORDER_HANDED_OVER'`,
      [id],
    );
    expect(handedOver.after).toEqual({ kiv: [{ assignmentId: VOB_SOL, member: 'ADD' }] });
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);

    // Nothing more to do: no second mail, no second write.
    expect(await deliver()).toMatchObject({ done: 0, completed: 0 });
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);
  });

  it('a revoke removes the member; the feedback says the holding ended', async () => {
    setClock(t, TODAY);
    const id = await placeAndCarryOut(send('nilbo4', [VOB_SOL], TODAY, { type: 'REVOKE' }));
    expect((await orderState(t, id)).status).toBe('APPROVED');
    expect(await members(VOB_SOL)).toEqual([hsa.get(NILS)]);

    expect(await deliver()).toMatchObject({ done: 1, completed: 1 });
    expect(await members(VOB_SOL)).toEqual([]);
    expect(await writesOf(id)).toEqual([
      {
        reason: 'REVOKE',
        operation: 'REMOVE',
        status: 'DONE',
        outcome: 'WRITTEN',
        attempts: 1,
        lastError: null,
      },
    ]);
    expect(await orderState(t, id)).toMatchObject({
      status: 'COMPLETED',
      feedback: expect.stringContaining('är avslutat för Nils Boström') as unknown as string,
      items: ['DONE'],
    });
  });

  it('is idempotent: a member already present, or already absent, counts as written', async () => {
    setClock(t, TODAY);
    // Linda is in KIV's Statistik VE already, though BEH does not hold it for her.
    const grant = await placeAndCarryOut(send('linma5', [STAT_SOL], TODAY));
    expect(await deliver()).toMatchObject({ done: 1, completed: 1 });
    expect(await writesOf(grant)).toMatchObject([{ status: 'DONE', outcome: 'ALREADY' }]);
    expect(await members(STAT_SOL)).toEqual([hsa.get(LINDA)]);
    expect((await orderState(t, grant)).status).toBe('COMPLETED');

    // Someone removed her in KIV meanwhile; the revoke finds nothing to remove and is done.
    await changeMember(STAT_SOL, 'delete', hsa.get(LINDA) as string);
    const revoke = await placeAndCarryOut(send('linma5', [STAT_SOL], TODAY, { type: 'REVOKE' }));
    expect(await deliver()).toMatchObject({ done: 1, completed: 1 });
    expect(await writesOf(revoke)).toMatchObject([{ status: 'DONE', outcome: 'ALREADY' }]);
    expect((await orderState(t, revoke)).status).toBe('COMPLETED');
  });

  it('KIV down during carry-out, then up: written once, the order completed then', async () => {
    setClock(t, TODAY);
    await slapd.pause();
    let id: string;
    try {
      id = await placeAndCarryOut(send('nilbo4', [VOB_SOL], TODAY));
      expect(await deliver()).toMatchObject({ done: 0, failed: 1, completed: 0 });
      const [write] = await writesOf(id);
      expect(write).toMatchObject({ status: 'PENDING', attempts: 1 });
      expect(write.lastError).toMatch(/^KIV \(LDAP\) gick inte att nå/);
      expect(await orderState(t, id)).toMatchObject({ status: 'APPROVED', items: ['PENDING'] });
      expect(await mails(t, 'ORDER_COMPLETED', id)).toEqual([]);
      // The backoff: not tried again before its time.
      expect(await deliver()).toMatchObject({ done: 0, failed: 0 });
      // A long outage gives no write up (more attempts than LDAP_WRITE_MAX_ATTEMPTS): KIV's fault, not the write's.
      for (let hour = 2; hour <= 12; hour += 2) {
        setClock(t, `${TODAY}T${String(10 + hour).padStart(2, '0')}:00:00Z`);
        expect(await deliver()).toMatchObject({ done: 0, failed: 1, gaveUp: 0 });
      }
      expect(await writesOf(id)).toMatchObject([{ status: 'PENDING', attempts: 7 }]);
    } finally {
      await slapd.start();
    }
    // Still waiting for its retry, though KIV is back.
    expect(await deliver()).toMatchObject({ done: 0, failed: 0, completed: 0 });
    setClock(t, `${TODAY}T23:01:00Z`);
    expect(await deliver()).toMatchObject({ done: 1, failed: 0, completed: 1 });
    expect(await members(VOB_SOL)).toEqual([hsa.get(NILS)]);
    expect(await writesOf(id)).toMatchObject([{ status: 'DONE', outcome: 'WRITTEN', attempts: 8 }]);
    expect(await orderState(t, id)).toMatchObject({ status: 'COMPLETED', items: ['DONE'] });
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);
  });

  it('a write that keeps failing is listed for administrators with the LDAP error, and can be retried', async () => {
    setClock(t, TODAY);
    // KIV has no commission for Kvalitetssäkring (yet).
    const id = await placeAndCarryOut(send('nilbo4', [KVAL_SOL], TODAY));
    let at = new Date(`${TODAY}T10:00:00Z`).getTime();
    for (let attempt = 1; attempt <= 5; attempt++) {
      setClock(t, new Date(at).toISOString());
      expect(await deliver()).toMatchObject(attempt < 5 ? { failed: 1 } : { gaveUp: 1 });
      at += 2 * 3600_000;
    }
    const [write] = await writesOf(id);
    expect(write).toMatchObject({ status: 'FAILED', attempts: 5 });
    expect(write.lastError).toBe(`Uppdraget ${hsa.get(KVAL_SOL)} finns inte i KIV.`);
    expect((await orderState(t, id)).status).toBe('APPROVED');
    // No more attempts of its own.
    setClock(t, new Date(at + 86_400_000).toISOString());
    expect(await deliver()).toMatchObject({ done: 0, failed: 0, gaveUp: 0 });

    const admin = await signIn(t, 'admin1');
    const list = await admin
      .get('/api/ldap-writes')
      .query({ filter: JSON.stringify({ status: 'FAILED' }) })
      .expect(200);
    const listed = (
      list.body as { id: string; orderId: string; lastError: string; personName: string }[]
    ).filter((w) => w.orderId === id);
    expect(listed).toEqual([
      expect.objectContaining({
        orderId: id,
        status: 'FAILED',
        operation: 'ADD',
        personName: 'Nils Boström (nilbo4)',
        assignmentName: 'Kvalitetssäkring',
        lastError: `Uppdraget ${hsa.get(KVAL_SOL)} finns inte i KIV.`,
      }),
    ]);
    const writeId = listed[0].id;
    // Administrators only; a bad id or filter is a problem, not a 500.
    await (await signIn(t, 'eriho2')).get('/api/ldap-writes').expect(403);
    await (await signIn(t, 'eriho2')).post(`/api/ldap-writes/${writeId}/retry`).expect(403);
    await admin.post('/api/ldap-writes/not-a-uuid/retry').expect(404);
    await admin
      .get('/api/ldap-writes')
      .query({ filter: JSON.stringify({ status: 'NOPE' }) })
      .expect(400);

    await addCommission(KVAL_SOL);
    const retried = await admin.post(`/api/ldap-writes/${writeId}/retry`).expect(200);
    expect(retried.body).toMatchObject({ status: 'PENDING', attempts: 0 });
    await admin.post(`/api/ldap-writes/${writeId}/retry`).expect(409);
    const [event] = await t.dataSource.query<{ actorId: string }[]>(
      `SELECT actor_id AS "actorId" FROM audit_event WHERE action = 'LDAP_WRITE_RETRIED' AND entity_id = $1`,
      [writeId],
    );
    expect(event.actorId).toBe(person('admin1'));

    expect(await deliver()).toMatchObject({ done: 1, completed: 1 });
    expect(await members(KVAL_SOL)).toEqual([hsa.get(NILS)]);
    expect(await orderState(t, id)).toMatchObject({ status: 'COMPLETED', items: ['DONE'] });
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);
  });

  it('two processes side by side: each write is made once, the order completed once', async () => {
    setClock(t, `${TODAY}T15:00:00Z`);
    expect(await members(VOB_SOL)).toEqual([hsa.get(NILS)]);
    const id = await placeAndCarryOut(send('nilbo4', [VOB_SOL], TODAY, { type: 'REVOKE' }));
    const [a, b] = await Promise.all([deliver(), deliver()]);
    expect(a.done + b.done).toBe(1);
    expect(a.completed + b.completed).toBe(1);
    expect(await writesOf(id)).toMatchObject([{ status: 'DONE', outcome: 'WRITTEN', attempts: 1 }]);
    expect(await members(VOB_SOL)).toEqual([]);
    expect((await orderState(t, id)).events.filter((e) => e.action === 'ORDER_COMPLETED')).toHaveLength(1);
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);
  });

  it("a time-limited grant's end removes the member on its first day without", async () => {
    setClock(t, TODAY);
    expect(await members(STAT_SOL)).toEqual([]);
    const end = addDays(TODAY, 3);
    const id = await placeAndCarryOut(send('nilbo4', [STAT_SOL], TODAY, { endDate: end }));
    expect(await deliver()).toMatchObject({ done: 1, completed: 1 });
    expect(await members(STAT_SOL)).toEqual([hsa.get(NILS)]);
    expect(await writesOf(id)).toMatchObject([
      { reason: 'GRANT', status: 'DONE' },
      { reason: 'GRANT_ENDED', operation: 'REMOVE', status: 'PENDING', attempts: 0 },
    ]);
    // The last day held: still a member.
    setClock(t, `${end}T20:00:00Z`);
    expect(await deliver()).toMatchObject({ done: 0 });
    expect(await members(STAT_SOL)).toEqual([hsa.get(NILS)]);
    // The first day without (Stockholm's midnight is 23:00 UTC in winter).
    setClock(t, `${end}T23:00:00Z`);
    expect(await deliver()).toMatchObject({ done: 1, completed: 0 });
    expect(await members(STAT_SOL)).toEqual([]);
    expect(await writesOf(id)).toMatchObject([
      { reason: 'GRANT', status: 'DONE' },
      { reason: 'GRANT_ENDED', status: 'DONE', outcome: 'WRITTEN' },
    ]);
  });
});

describe('embedded directory: no write back', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('carries out and completes at once, as before, and writes nothing for KIV', async () => {
    setClock(t, TODAY);
    const [{ id }] = await place(await freshClient(t, 'eriho2'), send('nilbo4', [VOB_SOL], TODAY));
    expect(await approve(t, id, true)).toBe(true);
    expect(await orderState(t, id)).toMatchObject({ status: 'COMPLETED', items: ['DONE'] });
    expect(await mails(t, 'ORDER_COMPLETED', id)).toHaveLength(1);
    const [{ n }] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM ldap_write`);
    expect(n).toBe(0);
    const [order] = await t.dataSource.query<{ at: Date | null }[]>(
      `SELECT handed_over_at AS at FROM vmu_order WHERE id = $1`,
      [id],
    );
    expect(order.at).toBeNull();
    expect(await t.app.get(LdapWritesJob).run()).toEqual({ done: 0, failed: 0, gaveUp: 0, completed: 0 });
  });
});
