import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuditService, type AuditEventInput } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { DELEGATIONS } from '../../server/src/seed/demo-data.js';
import { type Client, signIn } from '../support/sign-in.js';
import { tamperAuditLog } from '../support/db-utils.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('audit log', () => {
  let t: TestApp;
  let audit: AuditService;
  let admin: Client;
  const actorId = randomUUID();
  const orderId = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
    admin = await signIn(t, 'admin1');
  });
  afterAll(async () => {
    await t.close();
  });

  const append = (input: Partial<AuditEventInput> = {}) =>
    t.dataSource.transaction((m) =>
      audit.append(m, {
        actorId,
        action: 'ORDER_PLACED',
        entityType: 'order',
        entityId: orderId,
        after: { status: 'AWAITING_ATTEST' },
        ...input,
      }),
    );

  const tamper = (sql: string, params: unknown[] = []) => tamperAuditLog(t.dataSource, sql, params);

  const verify = async () => (await admin.get('/api/audit-events/verify').expect(200)).body;

  // The demo seed records the grant of each demo delegation: the delegation's history.
  const SEEDED = DELEGATIONS.length;

  it('verifies the seeded log, which starts from genesis', async () => {
    expect(await verify()).toMatchObject({ ok: true, count: SEEDED });
    expect(await audit.verify()).toEqual({ ok: true, count: SEEDED });
    const [genesis] = await t.dataSource.query<{ prevHash: string }[]>(
      `SELECT prev_hash AS "prevHash" FROM audit_event ORDER BY id LIMIT 1`,
    );
    expect(genesis?.prevHash).toBe('0'.repeat(64));
  });

  it('chains appended events after the last one and verifies them', async () => {
    const [head] = await t.dataSource.query<{ lastHash: string }[]>(
      `SELECT last_hash AS "lastHash" FROM audit_chain_head`,
    );
    const first = await append({
      action: 'ORDER_PLACED',
      // Keys out of order, a Date, accents and numbers: the hash must survive jsonb's normalisation.
      after: { status: 'AWAITING_ATTEST', items: [{ name: 'VoB SJF', n: 1.5 }], at: new Date(), å: 'Ö' },
    });
    const second = await append({
      action: 'ORDER_APPROVED',
      before: { status: 'AWAITING_ATTEST' },
      after: { status: 'APPROVED', z: null, a: { y: 2, x: [3, 'tre'] } },
    });
    const third = await append({ actorId: null, action: 'ORDER_COMPLETED', before: { status: 'APPROVED' } });
    expect(first.prevHash).toBe(head?.lastHash);
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await verify()).toMatchObject({ ok: true, count: SEEDED + 3 });
    expect(await audit.verify()).toEqual({ ok: true, count: SEEDED + 3 });
  });

  it('writes nothing when the transaction rolls back, and the chain stays whole', async () => {
    await expect(
      t.dataSource.transaction(async (m) => {
        await audit.append(m, { actorId, action: 'ORDER_CANCELLED', entityType: 'order', entityId: orderId });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await append({ action: 'ORDER_VIEWED' });
    const rows = await t.dataSource.query(`SELECT 1 FROM audit_event WHERE action = 'ORDER_CANCELLED'`);
    expect(rows).toHaveLength(0);
    expect(await verify()).toMatchObject({ ok: true, count: SEEDED + 4 });
  });

  it('refuses to append outside a transaction', async () => {
    await expect(
      audit.append(t.dataSource.manager, { actorId, action: 'X', entityType: 'order', entityId: orderId }),
    ).rejects.toThrow(/open transaction/);
  });

  it('has the database refuse UPDATE, DELETE and TRUNCATE of events and moving the chain head', async () => {
    await expect(t.dataSource.query(`UPDATE audit_event SET action = 'FORGED'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(t.dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(t.dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(t.dataSource.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/append-only/);
    await expect(
      t.dataSource.query(
        `UPDATE audit_chain_head SET last_id = 1, last_hash = (SELECT hash FROM audit_event WHERE id = 1)`,
      ),
    ).rejects.toThrow(/only move forward/);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('keeps one unbroken chain when many transactions append at the same time', async () => {
    const before = (await audit.verify()).count;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.dataSource.transaction(async (m) => {
          await audit.append(m, { actorId, action: 'CONCURRENT', entityType: 'order', entityId: `c-${i}` });
          await audit.append(m, { actorId, action: 'CONCURRENT_2', entityType: 'order', entityId: `c-${i}` });
        }),
      ),
    );
    expect(await verify()).toMatchObject({ ok: true, count: before + 48 });
    const [{ links }] = await t.dataSource.query<{ links: number }[]>(
      `SELECT count(DISTINCT prev_hash)::int AS links FROM audit_event`,
    );
    expect(links).toBe(before + 48);
  });

  it('fails a stale REPEATABLE READ appender loudly instead of forking the chain', async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SELECT count(*) FROM audit_event'); // takes the snapshot
      await append({ action: 'MEANWHILE' });
      await expect(
        audit.append(runner.manager, { actorId, action: 'STALE', entityType: 'order', entityId: orderId }),
      ).rejects.toThrow(/could not serialize/);
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  describe('GET /api/audit-events', () => {
    it('is for administrators only', async () => {
      await request(t.http).get('/api/audit-events').expect(401);
      await request(t.http).get('/api/audit-events/verify').expect(401);
      const head = await signIn(t, 'karlu1');
      await head.get('/api/audit-events').expect(403);
      await head.get('/api/audit-events/verify').expect(403);
      await head.get('/api/audit-events/1').expect(403);
    });

    it('lists newest first with Content-Range and filters by entity, actor, action and time', async () => {
      const clock = t.app.get(Clock);
      const delegationId = randomUUID();
      const otherActor = randomUUID();
      clock.set(new Date('2031-03-10T22:30:00Z')); // 23:30 in Stockholm on the 10th
      await append({
        actorId: otherActor,
        action: 'DELEGATION_GRANTED',
        entityType: 'delegation',
        entityId: delegationId,
      });
      clock.set(new Date('2031-03-10T23:30:00Z')); // 00:30 in Stockholm on the 11th
      await append({
        actorId: otherActor,
        action: 'DELEGATION_REVOKED',
        entityType: 'delegation',
        entityId: delegationId,
      });
      clock.set(undefined);

      const page = await admin.get('/api/audit-events').query({ range: '[0,4]' }).expect(200);
      expect(page.headers['content-range']).toMatch(/^audit-events 0-4\/\d+$/);
      expect(page.body).toHaveLength(5);
      const ats = page.body.map((e: { at: string }) => e.at);
      expect([...ats].sort().reverse()).toEqual(ats);

      const filter = (f: Record<string, string>) =>
        admin
          .get('/api/audit-events')
          .query({ filter: JSON.stringify(f) })
          .expect(200);
      const byEntity = await filter({ entityType: 'delegation', entityId: delegationId });
      expect(byEntity.body.map((e: { action: string }) => e.action)).toEqual([
        'DELEGATION_REVOKED',
        'DELEGATION_GRANTED',
      ]);
      expect(byEntity.body[0]).toMatchObject({
        actorId: otherActor,
        entityType: 'delegation',
        entityId: delegationId,
      });
      expect((await filter({ actorId: otherActor, action: 'DELEGATION_GRANTED' })).body).toHaveLength(1);
      const onTenth = await filter({ entityId: delegationId, from: '2031-03-10', to: '2031-03-10' });
      expect(onTenth.body.map((e: { action: string }) => e.action)).toEqual(['DELEGATION_GRANTED']);
      const fromEleventh = await filter({ entityId: delegationId, from: '2031-03-11' });
      expect(fromEleventh.body.map((e: { action: string }) => e.action)).toEqual(['DELEGATION_REVOKED']);

      const one = await admin.get(`/api/audit-events/${byEntity.body[1].id}`).expect(200);
      expect(one.body).toEqual(byEntity.body[1]);
      const own = await audit.eventsFor('delegation', delegationId);
      expect(own.map((e) => e.action)).toEqual(['DELEGATION_GRANTED', 'DELEGATION_REVOKED']);
    });

    it('lists the events of one moment newest first, sorts by time or number only, and counts past the end', async () => {
      const entityId = randomUUID();
      const made = await t.dataSource.transaction((m) =>
        audit.appendMany(
          m,
          [actorId, null, actorId].map((actor) => ({
            actorId: actor,
            action: 'ORDER_PLACED',
            entityType: 'order',
            entityId,
          })),
        ),
      );
      const list = async (query: Record<string, string>, status = 200) =>
        admin
          .get('/api/audit-events')
          .query({ filter: JSON.stringify({ entityId }), ...query })
          .expect(status);
      const ids = (res: request.Response) => res.body.map((e: { id: string }) => e.id);
      const [a, b, c] = made.map((e) => e.id);
      // One transaction, one time: the later event first, as the newest come first.
      expect(ids(await list({}))).toEqual([c, b, a]);
      expect(ids(await list({ sort: JSON.stringify(['at', 'ASC']) }))).toEqual([a, b, c]);
      expect(ids(await list({ sort: JSON.stringify(['id', 'DESC']) }))).toEqual([c, b, a]);
      // Millions of events are narrowed by the filters, not sorted by action, type or actor.
      for (const field of ['action', 'entityType', 'actorId']) {
        const refused = await list({ sort: JSON.stringify([field, 'ASC']) }, 400);
        expect(refused.body).toMatchObject({
          type: 'urn:beh:problem:bad-list-query',
          detail: `Det går inte att sortera på ${field}.`,
        });
      }
      const past = await list({ range: '[10,19]' });
      expect(past.body).toEqual([]);
      expect(past.headers['content-range']).toBe('audit-events 10-10/3');
    });

    it("reads the newest page and every filter through an index that has the list's order", async () => {
      await t.dataSource.query('ANALYZE audit_event');
      const plan = async (where: string) => {
        await t.dataSource.query('SET enable_seqscan = off');
        try {
          const rows = await t.dataSource.query<{ 'QUERY PLAN': string }[]>(
            `EXPLAIN SELECT e.id FROM audit_event e ${where} ORDER BY e.at DESC, e.id DESC LIMIT 25`,
          );
          return rows.map((r) => r['QUERY PLAN']).join('\n');
        } finally {
          await t.dataSource.query('RESET enable_seqscan');
        }
      };
      // No Sort node: an index gives the order (with enable_seqscan off, as a big table would choose).
      for (const where of [
        '',
        `WHERE e.action = 'X'`,
        `WHERE e.entity_type = 'care_provider'`,
        `WHERE e.entity_id = 'x'`,
        `WHERE e.actor_id = '${actorId}'`,
        `WHERE e.at >= now() - interval '1 day'`,
      ]) {
        const text = await plan(where);
        expect(text).toMatch(/Index (Only )?Scan/);
        expect(text).not.toMatch(/Sort|Seq Scan/);
      }
      // Each filter's own index: the equality, then the list's order.
      const indexes = await t.dataSource.query<{ indexname: string; indexdef: string }[]>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_event'`,
      );
      const definition = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef ?? '';
      expect(definition('audit_event_at_idx')).toMatch(/\(at DESC, id DESC\)$/);
      for (const [name, column] of [
        ['audit_event_action_idx', 'action'],
        ['audit_event_entity_type_idx', 'entity_type'],
        ['audit_event_entity_id_idx', 'entity_id'],
        ['audit_event_actor_idx', 'actor_id'],
      ]) {
        expect(definition(name)).toMatch(new RegExp(`\\(${column}, at DESC, id DESC\\)$`));
      }
    });

    it('answers problems for an unknown event and bad filters', async () => {
      await admin.get('/api/audit-events/999999999').expect(404);
      await admin.get('/api/audit-events/abc').expect(404);
      for (const f of [{ actorId: 'nope' }, { from: 'igår' }, { hash: 'x' }]) {
        const res = await admin
          .get('/api/audit-events')
          .query({ filter: JSON.stringify(f) })
          .expect(400);
        expect(res.body.type).toBe('urn:beh:problem:bad-list-query');
      }
    });
  });

  describe('tampering (as the table owner, triggers disabled)', () => {
    it('names a changed event after the last checkpoint as the first broken link, and is whole again when it is changed back', async () => {
      await verify(); // a checkpoint at the head
      const event = await append({ after: { status: 'AWAITING_ATTEST', n: 1 } });
      await append();
      await tamper(`UPDATE audit_event SET after = '{"status":"APPROVED"}' WHERE id = $1`, [event.id]);
      expect(await verify()).toMatchObject({ ok: false, firstBrokenId: event.id, reason: 'HASH_MISMATCH' });
      await tamper(`UPDATE audit_event SET after = $2::jsonb WHERE id = $1`, [
        event.id,
        JSON.stringify(event.after),
      ]);
      expect(await verify()).toMatchObject({ ok: true });
    });

    it('names the event after a removed one, and notices events cut off the end', async () => {
      await verify();
      const made = [await append(), await append(), await append(), await append()];
      const last = made[3]!.id;
      await tamper(`DELETE FROM audit_event WHERE id = $1`, [last]);
      expect(await verify()).toMatchObject({ ok: false, firstBrokenId: last, reason: 'HEAD_MISMATCH' });

      const [middle, next] = [made[1]!.id, made[2]!.id];
      await tamper(`DELETE FROM audit_event WHERE id = $1`, [middle]);
      const result = await verify();
      expect(result).toMatchObject({ ok: false, firstBrokenId: next, reason: 'PREV_HASH_MISMATCH' });
      expect(result.detail).toMatch(/föregående händelse/);
      // The whole chain from genesis, in this process, says the same.
      expect(await audit.verify()).toMatchObject({
        ok: false,
        firstBrokenId: next,
        reason: 'PREV_HASH_MISMATCH',
      });
    });
  });
});
