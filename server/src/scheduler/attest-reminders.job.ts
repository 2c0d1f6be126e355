import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailService } from '../mail/mail.service.js';
import { orderNoticeFacts } from '../orders/order-notices.queries.js';
import { awaitingAttestSinceSql } from '../orders/orders.reads.js';
import { NOTICE_BATCH, notNoticed, recordNotices, type Watermark, watermarkedRun } from './notices.js';

const DAY_MS = 86_400_000;

/**
 * Orders waiting too long for their attest: after ATTEST_REMINDER_DAYS the attestant is reminded,
 * after ATTEST_ESCALATION_DAYS the head of the unit is told. Each at most once per order, ever:
 * the wait counts from when the order was placed, and a change of attestant does not start a new
 * wait (the new attestant was mailed at the change; a second reminder would break "never more
 * than one mail of each kind per order"). The reminder goes to whoever is attestant when it is due.
 *
 * Each run reads only orders placed since the watermark of its last complete run (that run's
 * `before`): an order placed earlier and still waiting was already waiting then, and was told
 * then; so a tick reads the orders of the last hour or so, not every order ever left waiting.
 */
@Injectable()
export class AttestRemindersJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  /** Sends the reminders that are due; answers how many. */
  remind(): Promise<number> {
    return this.notify('ATTEST_REMINDER', this.config.scheduler.attestReminderDays);
  }

  /** Tells the heads of unit of the orders that have waited past the escalation limit. */
  escalate(): Promise<number> {
    return this.notify('ATTEST_ESCALATION', this.config.scheduler.attestEscalationDays);
  }

  private notify(kind: 'ATTEST_REMINDER' | 'ATTEST_ESCALATION', days: number): Promise<number> {
    const now = this.clock.now();
    const before = new Date(now.getTime() - days * DAY_MS);
    const due = (since: Watermark | undefined, limit: number, lock: boolean) =>
      awaitingAttestSinceSql('$2', notNoticed, limit, { since: since ? '$3' : undefined, lock });
    const params = (since: Watermark | undefined) => (since ? [before, since.at] : [before]);
    // The watermark is `before`: every order placed before it has been looked at.
    return watermarkedRun(
      this.db,
      kind,
      { day: null, at: before },
      (since) =>
        this.db.transaction(async (m) => {
          // Orders being decided right now are locked by their attest: skipped, not waited for.
          const ids = await recordNotices(m, kind, due(since, NOTICE_BATCH, true), params(since), now);
          for (const f of await orderNoticeFacts(m, ids)) {
            if (kind === 'ATTEST_REMINDER') {
              await this.mail.enqueue(m, {
                to: f.attestant.email,
                template: 'ATTEST_REMINDER',
                data: { ...f.mail, recipientName: f.attestant.name ?? undefined, orderedOn: f.orderedOn },
              });
            } else if (f.head.id !== f.attestant.id) {
              // A head of unit who is the attestant has had the reminder already.
              await this.mail.enqueue(m, {
                to: f.head.email,
                template: 'ATTEST_ESCALATION',
                data: {
                  ...f.mail,
                  recipientName: f.head.name ?? undefined,
                  orderedOn: f.orderedOn,
                  attestantName: f.attestant.name ?? '',
                },
              });
            }
          }
          return ids.length;
        }),
      // A skipped order is still there: the watermark waits for it.
      (since) => ({ dueSql: due(since, 1, false), params: params(since) }),
    );
  }
}
