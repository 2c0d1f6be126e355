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
const BATCH = 50;

/**
 * Delivers the outbox. A batch is claimed in one short statement (`FOR UPDATE SKIP LOCKED`,
 * then `next_attempt_at` pushed out by a lease), so any number of server processes can run
 * this side by side without sending a mail twice, and no transaction stays open while talking
 * to the SMTP server. A process that dies mid-send leaves the row to be retried when the
 * lease runs out. Each failure doubles the wait, up to MAIL_RETRY_MAX_SECONDS; a mail is
 * never given up on.
 */
@Injectable()
export class MailDeliveryService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailDelivery');
  private transport: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<DeliveryResult> | undefined;
  private warnedNoSmtp = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const { smtpUrl, pollSeconds } = this.config.mail;
    if (!smtpUrl) return;
    this.transport = nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 60_000,
    });
    if (pollSeconds > 0) {
      this.timer = setInterval(() => void this.tick(), pollSeconds * 1000);
      // The worker alone must not keep a process alive (tests, CLI tools that boot the app).
      this.timer.unref();
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    // Let a batch in flight record its results before the database pool closes.
    await this.current?.catch(() => undefined);
    this.transport?.close();
  }

  /**
   * Sends every mail that is due now (at most one batch). Waits for a batch already running in
   * this process first, so that tests and the interval never overlap.
   */
  async deliverDue(): Promise<DeliveryResult> {
    const previous = this.current?.catch(() => undefined);
    const run = (async () => {
      await previous;
      return this.deliverBatch();
    })();
    this.current = run;
    try {
      return await run;
    } finally {
      if (this.current === run) this.current = undefined;
    }
  }

  private async tick(): Promise<void> {
    if (this.current) return;
    try {
      const result = await this.deliverDue();
      if (result.claimed > 0) this.logger.debug(result);
    } catch (error) {
      this.logger.error(`Mail delivery round failed: ${describe(error)}`);
    }
  }

  private async deliverBatch(): Promise<DeliveryResult> {
    const transport = this.transport;
    if (!transport) {
      if (!this.warnedNoSmtp) this.logger.warn('SMTP_URL is not set: mail stays in the outbox.');
      this.warnedNoSmtp = true;
      return { claimed: 0, sent: 0, failed: 0 };
    }
    const now = this.clock.now();
    // Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
    const claimed = await this.dataSource.query<ClaimedMail[]>(
      `WITH claimed AS (
         UPDATE mail_outbox m
            SET attempts = m.attempts + 1, next_attempt_at = $2
          WHERE m.id IN (
            SELECT id FROM mail_outbox
             WHERE status = 'PENDING' AND next_attempt_at <= $1
             ORDER BY next_attempt_at, created_at
             LIMIT $3
             FOR UPDATE SKIP LOCKED)
          RETURNING m.id, m.to_address AS "to", m.subject, m.text_body AS text, m.html_body AS html, m.attempts)
       SELECT * FROM claimed`,
      [now, new Date(now.getTime() + LEASE_MS), BATCH],
    );
    const result: DeliveryResult = { claimed: claimed.length, sent: 0, failed: 0 };
    for (const mail of claimed) {
      if (await this.send(transport, mail)) result.sent++;
      else result.failed++;
    }
    return result;
  }

  private async send(transport: Transporter, mail: ClaimedMail): Promise<boolean> {
    try {
      await transport.sendMail({
        from: this.config.mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
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
      this.logger.warn(`Mail ${mail.id} not delivered (attempt ${mail.attempts}): ${describe(error)}`);
      return false;
    }
    await this.dataSource.query(`UPDATE mail_outbox SET status = 'SENT', sent_at = $2 WHERE id = $1`, [
      mail.id,
      this.clock.now(),
    ]);
    return true;
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

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
