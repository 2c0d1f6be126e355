import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MailService } from '../../server/src/mail/mail.service.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from './server-process.js';

const BEFORE = 150;
const DURING = 50;
/** Retry rounds every mail goes through while the SMTP server is down. */
const ROUNDS = 3;

/**
 * The SMTP server down for a while, then back: the outbox keeps every mail, the worker retries
 * with its backoff (compressed: 1 s doubling to 4 s, polling every second, so the outage spans
 * several retry rounds of every mail in well under a minute), and once the server is back every
 * mail — written before and during the outage — is delivered exactly once.
 */
describe('faults: SMTP down, then back', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = new SmtpSink();
    await sink.start();
    await sink.stop(); // down from the start, on the port the portal is told
    t = await createTestApp(
      {
        SMTP_URL: sink.url,
        MAIL_POLL_SECONDS: '1',
        MAIL_RETRY_BASE_SECONDS: '1',
        MAIL_RETRY_MAX_SECONDS: '4',
      },
      { seeded: false },
    );
  });

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  /** `n` order mails written to the outbox as the modules write them, in one transaction. */
  const enqueue = (n: number, from: number) =>
    t.dataSource.transaction((m) =>
      t.app.get(MailService).enqueueMany(
        m,
        Array.from({ length: n }, (_, i) => ({
          to: `mottagare${from + i}@test.example`,
          template: 'ORDER_COMPLETED' as const,
          data: {
            orderId: crypto.randomUUID(),
            orderNumber: `BEH${String(9_000_000 + from + i)}`,
            type: 'GRANT' as const,
            endUserName: `Testa Person${from + i}`,
          },
        })),
      ),
    );

  it('keeps every mail through the outage and delivers each exactly once when SMTP is back', async () => {
    const outageStarted = Date.now();
    await enqueue(BEFORE, 0);
    const attempts = () =>
      t.dataSource.query<{ least: number; most: number; pending: number; errors: number }[]>(
        `SELECT min(attempts)::int AS least, max(attempts)::int AS most,
                count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
                count(*) FILTER (WHERE last_error IS NOT NULL)::int AS errors
           FROM mail_outbox`,
      );
    await until('a first retry round', Date.now() + 30_000, async () => (await attempts())[0].least >= 1);
    await enqueue(DURING, BEFORE);
    await until(`${ROUNDS} failed attempts of every mail`, Date.now() + 90_000, async () => {
      return (await attempts())[0].least >= ROUNDS;
    });
    const [during] = await attempts();
    const outageSeconds = (Date.now() - outageStarted) / 1000;
    expect(sink.mails).toHaveLength(0);
    expect(during.pending).toBe(BEFORE + DURING);
    expect(during.errors).toBe(BEFORE + DURING);

    await sink.start();
    const back = Date.now();
    await until('every mail sent', Date.now() + 60_000, async () => (await attempts())[0].pending === 0);
    // A moment more, for a duplicate to show should one be on its way.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const rows = await t.dataSource.query<{ id: string; to: string; status: string }[]>(
      `SELECT id, to_address AS "to", status FROM mail_outbox`,
    );
    expect(rows).toHaveLength(BEFORE + DURING);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    const received = new Map<string, string[]>();
    for (const mail of sink.mails) {
      const id = /^<([0-9a-f-]{36})@/.exec(mail.messageId)?.[1] ?? mail.messageId;
      received.set(id, [...(received.get(id) ?? []), ...mail.envelopeTo]);
    }
    expect(sink.mails).toHaveLength(rows.length);
    for (const row of rows) expect(received.get(row.id)).toEqual([row.to]);
    console.log(
      `SMTP outage: ${BEFORE} mails before and ${DURING} during an outage of ${outageSeconds.toFixed(0)} s ` +
        `(each attempted ${during.least}-${during.most} times, every failure recorded); SMTP back: ` +
        `${sink.mails.length} delivered in ${((Date.now() - back) / 1000 - 2).toFixed(1)} s, each exactly once, none lost`,
    );
  }, 180_000);
});
