import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditAnchorService } from '../../server/src/audit/audit-anchor.service.js';
import type { AuditAnchor } from '../../server/src/audit/audit-anchor.types.js';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The audit chain head anchored outside the database (issue 12, point 6): a signed checkpoint
 * published to the log, a mail address and a URL, so that cutting off the log's tail — even as
 * a superuser who also moves the head back and deletes the checkpoints and the anchors' rows —
 * is found, by verification from the stored anchors and from a copy received outside.
 */
describe('audit anchors', () => {
  let t: TestApp;
  let admin: Client;
  let receiver: Server;
  const received: AuditAnchor[] = [];
  const logged: string[] = [];

  const append = (n: number) =>
    t.dataSource.transaction(async (m) => {
      for (let i = 0; i < n; i++) {
        await t.app.get(AuditService).append(m, {
          actorId: null,
          action: 'ORDER_PLACED',
          entityType: 'order',
          entityId: randomUUID(),
          after: { n: i },
        });
      }
    });
  const head = async () =>
    (
      await t.dataSource.query<{ id: string; hash: string }[]>(
        `SELECT last_id::text AS id, last_hash AS hash FROM audit_chain_head`,
      )
    )[0];
  const verify = async () =>
    (await admin.get('/api/audit-events/verify').expect(200)).body as Record<string, unknown>;
  const verifyAnchor = (anchor: unknown) =>
    admin.post('/api/audit-events/verify-anchor').send(anchor as object);
  /** What a superuser can do: cut the chain after event `keep`, with its head, checkpoints and (optionally) anchors. */
  const truncateAfter = (keep: string, anchorsToo: boolean) =>
    t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`DELETE FROM audit_event WHERE id > $1`, [keep]);
      await m.query(
        `UPDATE audit_chain_head SET last_id = $1, last_hash = (SELECT hash FROM audit_event WHERE id = $1)`,
        [keep],
      );
      await m.query(`DELETE FROM audit_checkpoint WHERE event_id > $1`, [keep]);
      await m.query(`DELETE FROM audit_verify_run`);
      if (anchorsToo) await m.query(`DELETE FROM audit_anchor`);
    });

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as AuditAnchor);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.address() as AddressInfo;
    jest.spyOn(Logger.prototype, 'log').mockImplementation(function (this: Logger, message: unknown) {
      if (typeof message === 'string' && message.startsWith('audit anchor ')) logged.push(message);
    });
    t = await createTestApp({
      AUDIT_ANCHOR_MAIL: 'logg-ankare@example.se',
      AUDIT_ANCHOR_URL: `http://127.0.0.1:${port}/anchors`,
      AUDIT_ANCHOR_INTERVAL_MINUTES: '60',
    });
    admin = await signIn(t, 'admin1');
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('publishes a signed anchor of the head to the log, the mail address and the URL, once per interval', async () => {
    await append(3);
    const { id, hash } = await head();
    const anchor = await t.app.get(AuditAnchorService).anchorIfDue();
    expect(anchor).toMatchObject({ type: 'beh-audit-anchor', version: 1, eventId: id, eventHash: hash });
    // Within the interval the scheduler makes none.
    expect(await t.app.get(AuditAnchorService).anchorIfDue()).toBeUndefined();
    const published = anchor;
    const [{ count }] = await t.dataSource.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM audit_event WHERE id <= $1`,
      [id],
    );
    expect(anchor!.eventCount).toBe(count);
    // One JSON line in the log, the same body POSTed, and a mail carrying the same JSON.
    expect(logged.map((line) => JSON.parse(line.slice('audit anchor '.length)) as unknown)).toEqual([
      published,
    ]);
    expect(received).toEqual([published]);
    const [mail] = await t.dataSource.query<
      { to: string; subject: string; body: string; relatedId: string }[]
    >(
      `SELECT to_address AS to, subject, text_body AS body, related_id AS "relatedId" FROM mail_outbox
        WHERE related_type = 'audit_anchor'`,
    );
    expect(mail).toMatchObject({
      to: 'logg-ankare@example.se',
      subject: `Förankring nr ${anchor!.id} av händelseloggen`,
      relatedId: anchor!.id,
    });
    expect(mail.body).toContain(JSON.stringify(published));
    const [row] = await t.dataSource.query<{ urlStatus: string }[]>(
      `SELECT url_status AS "urlStatus" FROM audit_anchor WHERE id = $1`,
      [anchor!.id],
    );
    expect(row.urlStatus).toBe('HTTP 204');
    // A copy received outside is still in the chain.
    const res = await verifyAnchor(received[0]).expect(200);
    expect(res.body).toMatchObject({ ok: true, anchorId: anchor!.id, eventId: id });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('refuses an anchor it did not sign, a changed one and what is not an anchor (422), and non-administrators (403)', async () => {
    const anchor = await t.app.get(AuditAnchorService).anchorNow();
    const changed = { ...anchor, eventId: String(Number(anchor.eventId) - 1) };
    for (const body of [changed, { ...anchor, mac: '0'.repeat(64) }]) {
      const res = await verifyAnchor(body).expect(422);
      expect(res.body).toMatchObject({
        detail: 'Förankringens signatur stämmer inte: den är ändrad eller inte gjord av denna portal.',
      });
    }
    for (const body of [{}, [], { ...anchor, eventCount: -1 }, { ...anchor, anchoredAt: '2026-02-30' }]) {
      const res = await verifyAnchor(body).expect(422);
      expect((res.body as { detail: string }).detail).toMatch(/^Det är inte en förankring av händelseloggen/);
    }
    const orderer = await signIn(t, 'eriho2');
    await orderer.post('/api/audit-events/verify-anchor').send(anchor).expect(403);
  });

  it('finds the tail cut off by a superuser: from the stored anchors, and from a copy outside once those are gone too', async () => {
    await append(2);
    const keep = (await head()).id;
    await append(3);
    received.length = 0;
    const anchor = await t.app.get(AuditAnchorService).anchorNow();
    expect(await verify()).toMatchObject({ ok: true });
    await append(1);

    // The tail, its head and checkpoints gone: the chain left behind is whole in itself…
    await truncateAfter(keep, false);
    // …but the latest anchor names an event beyond its head.
    const broken = await verify();
    expect(broken).toMatchObject({ ok: false, reason: 'HEAD_MISMATCH', firstBrokenId: anchor.eventId });
    expect(broken.detail).toMatch(
      new RegExp(
        `^Förankring nr ${anchor.id} \\(.*, händelse ${anchor.eventId}\\) nämner händelse ${anchor.eventId}, men kedjans sista händelse är ${keep}: loggens slut har tagits bort\\.$`,
      ),
    );

    // The anchors' rows deleted as well: the database alone no longer tells…
    await truncateAfter(keep, true);
    expect(await verify()).toMatchObject({ ok: true });
    // …but the copy the URL received (the same as the log line and the mail) does.
    const res = await verifyAnchor(received[0]).expect(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'HEAD_MISMATCH', anchorId: anchor.id });
    expect((res.body as { detail: string }).detail).toContain(`men kedjans sista händelse är ${keep}`);
  });

  it('finds an anchored event rewritten with another hash', async () => {
    await append(2);
    const anchor = await t.app.get(AuditAnchorService).anchorNow();
    await t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL session_replication_role = replica`);
      await m.query(`UPDATE audit_event SET hash = repeat('a', 64) WHERE id = $1`, [anchor.eventId]);
      await m.query(`UPDATE audit_chain_head SET last_hash = repeat('a', 64)`);
    });
    const res = await verifyAnchor(anchor).expect(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'HASH_MISMATCH' });
    expect((res.body as { detail: string }).detail).toContain(
      `händelse ${anchor.eventId} har en annan hash än när den förankrades`,
    );
  });
});
