import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Clock } from '../../server/src/common/clock.js';
import { MailDeliveryService } from '../../server/src/mail/mail-delivery.service.js';
import { MailService } from '../../server/src/mail/mail.service.js';
import type { OrderMailData } from '../../server/src/mail/templates/index.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'https://beh.example.se';

interface OutboxRow {
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  sentAt: Date | null;
}

function order(overrides: Partial<OrderMailData> = {}): OrderMailData {
  return {
    orderId: randomUUID(),
    orderNumber: `BEH${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
    recipientName: 'Sara Berg',
    type: 'GRANT',
    endUserName: 'Nils Boström',
    ordererName: 'Erik Holm',
    careUnitName: 'Vårdcentralen Solgläntan',
    assignmentNames: ['VoB SJF'],
    startDate: '2025-12-01',
    ...overrides,
  };
}

describe('mail outbox and delivery', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let mail: MailService;
  let delivery: MailDeliveryService;
  let clock: Clock;
  let admin: Client;

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    t = await createTestApp({
      SMTP_URL: sink.url,
      PUBLIC_URL,
      MAIL_POLL_SECONDS: '0',
      MAIL_RETRY_BASE_SECONDS: '30',
      MAIL_RETRY_MAX_SECONDS: '300',
    });
    mail = t.app.get(MailService);
    delivery = t.app.get(MailDeliveryService);
    clock = t.app.get(Clock);
    admin = await signIn(t, 'admin1');
  });
  afterAll(async () => {
    await t.close();
    await sink.stop();
  });
  beforeEach(async () => {
    clock.set(undefined);
    sink.refuseWith = undefined;
    await sink.stop();
    await sink.start();
    // Every test starts from an outbox with nothing due.
    await t.dataSource.query(`UPDATE mail_outbox SET status = 'FAILED' WHERE status = 'PENDING'`);
    sink.mails.length = 0;
  });

  const enqueueCommitted = (to: string | null, data: OrderMailData) =>
    t.dataSource.transaction((m) => mail.enqueue(m, { to, template: 'ORDER_AWAITING_ATTEST', data }));

  const row = async (id: string): Promise<OutboxRow> => {
    const [found] = await t.dataSource.query<OutboxRow[]>(
      `SELECT status, attempts, next_attempt_at AS "nextAttemptAt", last_error AS "lastError", sent_at AS "sentAt"
         FROM mail_outbox WHERE id = $1`,
      [id],
    );
    if (!found) throw new Error(`no outbox row ${id}`);
    return found;
  };

  const advance = (seconds: number) => clock.set(new Date(clock.now().getTime() + seconds * 1000));

  it('writes nothing when the transaction that enqueued the mail rolls back', async () => {
    const data = order();
    await expect(
      t.dataSource.transaction(async (m) => {
        await mail.enqueue(m, { to: 'sara.berg@vgr.example', template: 'ORDER_AWAITING_ATTEST', data });
        throw new Error('the order failed');
      }),
    ).rejects.toThrow('the order failed');
    const rows = await t.dataSource.query(`SELECT 1 FROM mail_outbox WHERE related_id = $1`, [data.orderId]);
    expect(rows).toHaveLength(0);
    expect(await delivery.deliverDue()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(sink.mails).toHaveLength(0);
  });

  it('delivers a committed mail exactly once, in Swedish, with the order number and a link', async () => {
    const data = order();
    const queued = await enqueueCommitted('sara.berg@vgr.example', data);
    expect(queued.status).toBe('PENDING');

    expect(await delivery.deliverDue()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    expect(await delivery.deliverDue()).toEqual({ claimed: 0, sent: 0, failed: 0 });

    expect(sink.mails).toHaveLength(1);
    const [got] = sink.mails;
    expect(got?.envelopeTo).toEqual(['sara.berg@vgr.example']);
    expect(got?.subject).toBe(`Beställning ${data.orderNumber} väntar på din attest`);
    const link = `${PUBLIC_URL}/#/attest/${data.orderId}`;
    expect(got?.text).toContain('Hej Sara Berg!');
    expect(got?.text).toContain(`Ordernummer: ${data.orderNumber}`);
    expect(got?.text).toContain(link);
    expect(got?.html).toContain(`href="${link}"`);
    expect(got?.messageId).toBe(`<${queued.id}@beh.localhost>`);

    const sent = await row(queued.id);
    expect(sent).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('escapes data in the HTML part and keeps the text part literal', async () => {
    const data = order({ endUserName: '<script>alert(1)</script> & "Co"' });
    await enqueueCommitted('sara.berg@vgr.example', data);
    await delivery.deliverDue();
    const [got] = sink.mails;
    expect(got?.html).not.toContain('<script>');
    expect(got?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;');
    expect(got?.text).toContain('Slutanvändare: <script>alert(1)</script> & "Co"');
  });

  it('keeps a mail while the SMTP server is down, backing off, and delivers it once when it is back', async () => {
    await sink.stop();
    clock.set(new Date('2025-11-20T08:00:00Z'));
    const queued = await enqueueCommitted('sara.berg@vgr.example', order());

    expect(await delivery.deliverDue()).toEqual({ claimed: 1, sent: 0, failed: 1 });
    let waiting = await row(queued.id);
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(waiting.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(waiting.nextAttemptAt.toISOString()).toBe('2025-11-20T08:00:30.000Z');

    // Not due yet: nothing is tried.
    expect(await delivery.deliverDue()).toEqual({ claimed: 0, sent: 0, failed: 0 });

    advance(30);
    expect(await delivery.deliverDue()).toMatchObject({ claimed: 1, failed: 1 });
    waiting = await row(queued.id);
    expect(waiting.attempts).toBe(2);
    expect(waiting.nextAttemptAt.toISOString()).toBe('2025-11-20T08:01:30.000Z'); // 60 s after the second try

    await sink.start();
    advance(60);
    expect(await delivery.deliverDue()).toEqual({ claimed: 1, sent: 1, failed: 0 });
    advance(3600);
    expect(await delivery.deliverDue()).toEqual({ claimed: 0, sent: 0, failed: 0 });
    expect(sink.mails).toHaveLength(1);
    expect(await row(queued.id)).toMatchObject({ status: 'SENT', attempts: 3 });
  });

  it('retries a mail the SMTP server refused', async () => {
    sink.refuseWith = 'Mailbox unavailable';
    clock.set(new Date('2025-11-20T09:00:00Z'));
    const queued = await enqueueCommitted('sara.berg@vgr.example', order());

    expect(await delivery.deliverDue()).toMatchObject({ claimed: 1, failed: 1 });
    const refused = await row(queued.id);
    expect(refused).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(refused.lastError).toMatch(/550|Mailbox unavailable/);
    expect(sink.mails).toHaveLength(0);

    sink.refuseWith = undefined;
    advance(30);
    expect(await delivery.deliverDue()).toMatchObject({ claimed: 1, sent: 1 });
    expect(sink.mails).toHaveLength(1);
  });

  it('doubles the wait after each failure up to the configured maximum', () => {
    expect([1, 2, 3, 4, 5, 6, 40].map((n) => delivery.backoffMs(n) / 1000)).toEqual([
      30, 60, 120, 240, 300, 300, 300,
    ]);
  });

  it('keeps a mail to a person without an address as FAILED and never sends it', async () => {
    const queued = await enqueueCommitted(null, order());
    expect(queued.status).toBe('FAILED');
    expect(await row(queued.id)).toMatchObject({
      status: 'FAILED',
      attempts: 0,
      lastError: 'Mottagaren saknar e-postadress.',
    });
    expect(await delivery.deliverDue()).toEqual({ claimed: 0, sent: 0, failed: 0 });
  });

  it('sends each mail once when several workers (processes) deliver at the same time', async () => {
    const ids = await t.dataSource.transaction(async (m) => {
      const queued = [];
      for (let i = 0; i < 30; i++) {
        queued.push(
          await mail.enqueue(m, {
            to: `p${i}@vgr.example`,
            template: 'ORDER_AWAITING_ATTEST',
            data: order(),
          }),
        );
      }
      return queued.map((q) => q.id);
    });
    // A second worker as another server process would have: its own service and SMTP transport.
    const other = new MailDeliveryService(t.dataSource, t.config, clock);
    other.onApplicationBootstrap();
    try {
      const results = await Promise.all([delivery.deliverDue(), other.deliverDue(), delivery.deliverDue()]);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(30);
    } finally {
      await other.onModuleDestroy();
    }
    expect(sink.mails).toHaveLength(30);
    expect(new Set(sink.mails.map((m) => m.envelopeTo[0])).size).toBe(30);
    const statuses = await t.dataSource.query<{ status: string; attempts: number }[]>(
      `SELECT status, attempts FROM mail_outbox WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(statuses.every((s) => s.status === 'SENT' && s.attempts === 1)).toBe(true);
  });

  describe('GET /api/outbox', () => {
    it('is for administrators only', async () => {
      await request(t.http).get('/api/outbox').expect(401);
      const delegate = await signIn(t, 'eriho2');
      await delegate.get('/api/outbox').expect(403);
      await delegate.get(`/api/outbox/${randomUUID()}`).expect(403);
    });

    it('lists newest first with Content-Range, filters by status, recipient and text, and shows one mail', async () => {
      clock.set(new Date('2030-01-01T10:00:00Z'));
      const first = await enqueueCommitted(
        'linda.svensson@vgr.example',
        order({ orderNumber: 'BEH7000001' }),
      );
      clock.set(new Date('2030-01-01T11:00:00Z'));
      const second = await enqueueCommitted(
        'linda.svensson@vgr.example',
        order({ orderNumber: 'BEH7000002' }),
      );
      clock.set(undefined);

      const all = await admin.get('/api/outbox').query({ range: '[0,1]' }).expect(200);
      expect(all.headers['content-range']).toMatch(/^outbox 0-1\/\d+$/);
      expect(all.body.map((m: { id: string }) => m.id)).toEqual([second.id, first.id]);
      expect(all.body[0]).not.toHaveProperty('html');

      const byTo = await admin
        .get('/api/outbox')
        .query({ filter: JSON.stringify({ to: 'LINDA.svensson', status: 'PENDING' }) })
        .expect(200);
      expect(byTo.body).toHaveLength(2);
      expect(byTo.headers['content-range']).toBe('outbox 0-1/2');

      const byText = await admin
        .get('/api/outbox')
        .query({ filter: JSON.stringify({ q: 'BEH7000001' }) })
        .expect(200);
      expect(byText.body.map((m: { id: string }) => m.id)).toEqual([first.id]);

      const one = await admin.get(`/api/outbox/${first.id}`).expect(200);
      expect(one.body).toMatchObject({
        id: first.id,
        to: 'linda.svensson@vgr.example',
        status: 'PENDING',
        template: 'ORDER_AWAITING_ATTEST',
        relatedType: 'order',
        subject: 'Beställning BEH7000001 väntar på din attest',
      });
      expect(one.body.text).toContain('BEH7000001');
      expect(one.body.html).toContain('<!DOCTYPE html>');
    });

    it('lists mails not sent yet after the sent ones, whichever way it sorts by the time sent', async () => {
      const pending = await enqueueCommitted(
        'linda.svensson@vgr.example',
        order({ orderNumber: 'BEH7100001' }),
      );
      const sent = await enqueueCommitted('linda.svensson@vgr.example', order({ orderNumber: 'BEH7100002' }));
      await t.dataSource.query(`UPDATE mail_outbox SET status = 'SENT', sent_at = now() WHERE id = $1`, [
        sent.id,
      ]);
      for (const direction of ['ASC', 'DESC']) {
        const res = await admin
          .get('/api/outbox')
          .query({ filter: JSON.stringify({ q: 'BEH71000' }), sort: JSON.stringify(['sentAt', direction]) })
          .expect(200);
        expect(res.body.map((m: { id: string }) => m.id)).toEqual([sent.id, pending.id]);
      }
    });

    it('answers problems for an unknown mail and a bad filter', async () => {
      await admin.get(`/api/outbox/${randomUUID()}`).expect(404);
      await admin.get('/api/outbox/not-a-uuid').expect(404);
      const bad = await admin
        .get('/api/outbox')
        .query({ filter: JSON.stringify({ status: 'LOST' }) })
        .expect(400);
      expect(bad.body.type).toBe('urn:beh:problem:bad-list-query');
      await admin
        .get('/api/outbox')
        .query({ filter: JSON.stringify({ password: 'x' }) })
        .expect(400);
    });
  });
});

describe('mail delivery on its own interval', () => {
  it('delivers committed mail without being asked, and stops with the application', async () => {
    const sink = new SmtpSink();
    await sink.start();
    const t = await createTestApp({ SMTP_URL: sink.url, MAIL_POLL_SECONDS: '1' });
    try {
      await t.dataSource.transaction((m) =>
        t.app.get(MailService).enqueue(m, {
          to: 'karin.lund@vgr.example',
          template: 'DELEGATION_GRANTED',
          data: {
            delegationId: randomUUID(),
            careUnitName: 'Vårdcentralen Solgläntan',
            rights: ['ORDER', 'ATTEST'],
            validFrom: '2025-11-01',
            validTo: null,
            byName: 'Karin Lund',
          },
        }),
      );
      for (let i = 0; i < 50 && sink.mails.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(sink.mails.map((m) => m.subject)).toEqual([
        'Du har fått en delegering för Vårdcentralen Solgläntan',
      ]);
    } finally {
      await t.close();
      await sink.stop();
    }
  });
});
