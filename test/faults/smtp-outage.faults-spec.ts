import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_CONFIG, type AppConfig } from '../../server/src/config/app-config.js';
import { loadMailConfig } from '../../server/src/config/mail.config.js';
import { MailDeliveryService } from '../../server/src/mail/mail-delivery.service.js';
import { MailService } from '../../server/src/mail/mail.service.js';
import { SmtpSink } from '../support/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { until } from './server-process.js';

const BEFORE = 150;
const DURING = 50;
/** Retry rounds every mail goes through while the SMTP server is down. */
const ROUNDS = 3;

/**
 * The SMTP server down, then back: the outbox keeps every mail, the worker retries with its
 * backoff, and once the server is back every mail — written before and during the outage — is
 * delivered exactly once. Not minutes of outage: with the default delays (30 s doubling to
 * 15 min) that would take minutes of the suite, so the delays are shortened by config to 1 s
 * doubling to 4 s with the worker polling every second, and the outage — some ten seconds —
 * lasts until every mail has failed ROUNDS times. The printed line says how long it was, which
 * delays were used, and how long the same attempts would have taken with the default ones.
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
    const delays = Array.from({ length: during.most }, (_, n) =>
      t.app.get(MailDeliveryService).backoffMs(n + 1),
    );
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
    const mail = t.app.get<AppConfig>(APP_CONFIG).mail;
    const defaults = loadMailConfig({}, 'development');
    const defaultSpan = delays
      .slice(0, during.least - 1)
      .reduce((sum, _, n) => sum + Math.min(defaults.retryBaseSeconds * 2 ** n, defaults.retryMaxSeconds), 0);
    console.log(
      `SMTP outage: ${BEFORE} mails before and ${DURING} during an outage of ${outageSeconds.toFixed(0)} s ` +
        `(seconds, not minutes: retry delays shortened by config to ${delays.map((d) => d / 1000).join(', ')} s ` +
        `— MAIL_RETRY_BASE_SECONDS=${mail.retryBaseSeconds}, MAIL_RETRY_MAX_SECONDS=${mail.retryMaxSeconds}, ` +
        `MAIL_POLL_SECONDS=${mail.pollSeconds}; by default ${defaults.retryBaseSeconds} s doubling to ` +
        `${defaults.retryMaxSeconds} s, polling every ${defaults.pollSeconds} s, the first ${during.least} ` +
        `attempts would span ${defaultSpan} s; ` +
        `each mail attempted ${during.least}-${during.most} times, every failure recorded); SMTP back: ` +
        `${sink.mails.length} delivered in ${((Date.now() - back) / 1000 - 2).toFixed(1)} s, each exactly once, none lost`,
    );
  }, 180_000);
});
