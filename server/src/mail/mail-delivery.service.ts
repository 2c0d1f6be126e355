import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export interface DeliveryResult {
  claimed: number;
  sent: number;
  failed: number;
}

/** What GET /metrics shows of the outbox. */
export interface OutboxBacklog {
  /** Mails waiting to be delivered (PENDING, due or waiting for a retry). */
  pending: number;
  /** When the oldest of them was written, or null when none waits. */
  oldestPendingAt: Date | null;
}

interface ClaimedMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
}

/** How long a claimed mail is left alone by other workers; far above the SMTP timeouts below. */
const LEASE_MS = 5 * 60_000;
/** Mails claimed in one statement. */
const BATCH = 500;
/** SMTP connections kept open to the relay, and so mails of a batch in flight at once. */
const SMTP_CONNECTIONS = 8;
/** Delivered mails marked SENT in one statement (and so at most left unmarked by a SIGKILL). */
const MARK_GROUP = 50;

/**
 * Delivers the outbox. A batch is claimed in one short statement (`FOR UPDATE SKIP LOCKED`,
 * then `next_attempt_at` pushed out by a lease), so any number of server processes can run
 * this side by side without sending a mail twice, and no transaction stays open while talking
 * to the SMTP server. A round keeps claiming batches while the last one was full and delivered
 * something (a long outbox drains at the relay's pace, not one batch per poll), yielding to the
 * event loop between batches so that requests are served meanwhile. A batch is sent over a pool
 * of SMTP_CONNECTIONS connections, that many mails at once; delivered mails are marked SENT in
 * groups of MARK_GROUP as they are accepted, and the rest of a batch's marks before it ends.
 *
 * Shutdown (SIGTERM) never leaves a delivered mail unmarked: the mails in flight are finished
 * and marked (shutdown waits for them), the rest of the claimed batch is handed back at once
 * (claim undone, due now) for the next process instead of being sent, so shutdown waits for a
 * few mails, not a batch. Only a process killed outright (SIGKILL, power) between the SMTP
 * server's answer and the mark can leave delivered mails PENDING (at most a group and the mails
 * in flight); they are sent again when their lease runs out, with the same Message-ID so that
 * receivers can drop the duplicate. Each failure doubles the wait, up to MAIL_RETRY_MAX_SECONDS;
 * a mail is never given up on.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailDelivery');
  private smtpUrl: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<DeliveryResult> | undefined;
  private warnedNoSmtp = false;
  /** Set when the application is shutting down: no new batch, no further mail of this one. */
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const { smtpUrl, pollSeconds } = this.config.mail;
    if (!smtpUrl) return;
    this.smtpUrl = smtpUrl;
    if (pollSeconds > 0) {
      this.timer = setInterval(() => void this.tick(), pollSeconds * 1000);
      // The worker alone must not keep a process alive (tests, CLI tools that boot the app).
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    // The batch in flight finishes its current mail, marks it and hands the rest back, before the
    // database pool closes.
    await this.current?.catch(() => undefined);
  }

  /**
   * A round's SMTP connections: a pool of a few kept open for the round (a new connection —
   * greeting, EHLO — per mail capped delivery at a few mails a second), closed when the round
   * ends, so that no connection to the relay idles between rounds.
   */
  private openTransport(smtpUrl: string): Transporter {
    const transport = nodemailer.createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: SMTP_CONNECTIONS,
      maxMessages: 1000,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    // Each mail's failure reaches its sendMail; this only keeps a pool error from ending the process.
    transport.on('error', (error) => this.logger.warn(`SMTP pool: ${forLog(error)}`));
    return transport;
  }

  /**
   * Sends every mail that is due now: batch after batch while the last one was full and something
   * of it was delivered (an SMTP server that refuses everything ends the round after one batch).
   * Waits for a round already running in this process first, so that tests and the interval
   * never overlap.
   */
  async deliverDue(): Promise<DeliveryResult> {
    const previous = this.current?.catch(() => undefined);
    const run = (async () => {
      await previous;
      const total: DeliveryResult = { claimed: 0, sent: 0, failed: 0 };
      let transport: Transporter | undefined;
      try {
        for (;;) {
          const result = await this.deliverBatch((url) => (transport ??= this.openTransport(url)));
          total.claimed += result.claimed;
          total.sent += result.sent;
          total.failed += result.failed;
          if (result.claimed < BATCH || result.sent === 0 || this.stopping) return total;
          // Requests and timers get their turn between batches.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } finally {
        (transport as Transporter | undefined)?.close();
      }
    })();
    this.current = run;
    try {
      return await run;
    } finally {
      if (this.current === run) this.current = undefined;
    }
  }

  private async tick(): Promise<void> {
    if (this.current || this.stopping) return;
    try {
      const result = await this.deliverDue();
      if (result.claimed > 0) this.logger.debug(result);
    } catch (error) {
      this.logger.error(`Mail delivery round failed: ${forLog(error)}`);
    }
  }

  private async deliverBatch(transportFor: (smtpUrl: string) => Transporter): Promise<DeliveryResult> {
    const smtpUrl = this.smtpUrl;
    if (!smtpUrl) {
      if (!this.warnedNoSmtp) this.logger.warn('SMTP_URL is not set: mail stays in the outbox.');
      this.warnedNoSmtp = true;
      return { claimed: 0, sent: 0, failed: 0 };
    }
    if (this.stopping) return { claimed: 0, sent: 0, failed: 0 };
    const now = this.clock.now();
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count]. Ordered
    // by next_attempt_at alone, the partial due index's order: a LIMIT then reads only the batch
    // (with created_at as well, a large outbox was sorted whole for every batch).
    const claimed = await this.dataSource.query<ClaimedMail[]>(
      `WITH claimed AS (
         UPDATE mail_outbox m
            SET attempts = m.attempts + 1, next_attempt_at = $2
          WHERE m.id IN (
            SELECT id FROM mail_outbox
             WHERE status = 'PENDING' AND next_attempt_at <= $1
             ORDER BY next_attempt_at
             LIMIT $3
             FOR UPDATE SKIP LOCKED)
          RETURNING m.id, m.to_address AS "to", m.subject, m.text_body AS text, m.html_body AS html, m.attempts)
       SELECT * FROM claimed`,
      [now, new Date(now.getTime() + LEASE_MS), BATCH],
    );
    const result: DeliveryResult = { claimed: claimed.length, sent: 0, failed: 0 };
    if (claimed.length === 0) return result;
    const transport = transportFor(smtpUrl);
    const delivered: string[] = [];
    let marking = Promise.resolve();
    const mark = () => {
      const ids = delivered.splice(0);
      if (ids.length > 0) marking = marking.then(() => this.markSent(ids));
      return marking;
    };
    let next = 0;
    const worker = async () => {
      // No new mail once shutting down; the one in flight is finished.
      while (next < claimed.length && !this.stopping) {
        const mail = claimed[next++];
        if (await this.send(transport, mail)) {
          result.sent++;
          delivered.push(mail.id);
          if (delivered.length >= MARK_GROUP) void mark();
        } else result.failed++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(SMTP_CONNECTIONS, claimed.length) }, worker));
    await mark();
    if (next < claimed.length) await this.release(claimed.slice(next));
    return result;
  }

  /**
   * Undoes the claim of mails not attempted (shutdown): due now and the attempt not counted, so
   * another process sends them at its next poll rather than after the lease.
   */
  private async release(mails: ClaimedMail[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox SET attempts = attempts - 1, next_attempt_at = $2
        WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [mails.map((m) => m.id), this.clock.now()],
    );
    this.logger.log(`Shutting down: ${mails.length} claimed mail(s) handed back unsent`);
  }

  /** The outbox's backlog (the status index: its count and its oldest entry), for the metrics. */
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.dataSource.query<{ pending: number; oldest: Date | null }[]>(
      `SELECT (SELECT count(*)::int FROM mail_outbox WHERE status = 'PENDING') AS pending,
              (SELECT created_at FROM mail_outbox WHERE status = 'PENDING'
                ORDER BY created_at LIMIT 1) AS oldest`,
    );
    return { pending: row.pending, oldestPendingAt: row.oldest };
  }

  /** Sends one mail; on failure records the error and the next attempt. Marking SENT is the caller's. */
  private async send(transport: Transporter, mail: ClaimedMail): Promise<boolean> {
    try {
      await transport.sendMail({
        from: this.config.mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Base64 rather than quoted-printable: encoded natively, a quarter less work per mail.
        textEncoding: 'base64',
        // A stable Message-ID lets receivers drop the duplicate if a lease ever ran out mid-send.
        messageId: `<${mail.id}@${domainOf(this.config.mail.from)}>`,
        headers: { 'X-BEH-Outbox-Id': mail.id },
      });
    } catch (error) {
      const retryAt = new Date(this.clock.now().getTime() + this.backoffMs(mail.attempts));
      await this.dataSource.query(
        `UPDATE mail_outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1 AND status = 'PENDING'`,
        [mail.id, retryAt, describe(error).slice(0, 2000)],
      );
      this.logger.warn(`Mail ${mail.id} not delivered (attempt ${mail.attempts}): ${forLog(error)}`);
      return false;
    }
    return true;
  }

  /**
   * Records delivered mails as SENT. The SMTP server has them: giving up here would send them
   * again after the lease, so a failed write (a lost connection, a database restarting) is retried
   * for up to about a minute before the mails are left to their lease. Never throws.
   */
  private async markSent(ids: string[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.dataSource.query(
          `UPDATE mail_outbox SET status = 'SENT', sent_at = $2 WHERE id = ANY($1::uuid[])`,
          [ids, this.clock.now()],
        );
        return;
      } catch (error) {
        if (attempt >= 8) {
          this.logger.error(
            `${ids.length} mail(s) delivered but not marked sent (${ids.join(', ')}): ${forLog(error)}`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
      }
    }
  }

  /** Wait after the `attempts`-th failure: base, 2×base, 4×base, … capped. */
  backoffMs(attempts: number): number {
    const { retryBaseSeconds, retryMaxSeconds } = this.config.mail;
    const exponent = Math.min(Math.max(attempts - 1, 0), 30);
    return Math.min(retryBaseSeconds * 2 ** exponent, retryMaxSeconds) * 1000;
  }
}

function domainOf(from: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'beh.localhost';
}

/** An SMTP error as text (kept on the mail row, where its recipient is anyway). */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

/** The same for the application log, without the e-mail addresses SMTP servers quote (rule 30). */
function forLog(error: unknown): string {
  return describe(error).replace(/[^\s<>"'@]+@[^\s<>"'@]+/g, '<e-postadress>');
}
