import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import { orderNoticeFacts } from '../orders/order-notices.queries.js';
import { endedTimeLimitedGrantsSql } from '../orders/orders.reads.js';
import { NOTICE_BATCH, notNoticed, recordNotices, type Watermark, watermarkedRun } from './notices.js';

/**
 * Time-limited grants (an order's end date, "tidsbegränsat"): the holding was written with
 * `valid_to` = the end date when the order was carried out, so it stops being active by date
 * alone. What is left for the scheduler is to tell the orderer, once, on the first day without
 * it. A holding ended earlier by a revoke no longer matches the order's dates and is not told.
 *
 * Each run reads only the grants that can be due since its last complete run (the watermark:
 * that run's date and moment): those that ended since, and those carried out since (approved after
 * their end date), not every grant that ever ended. Days the scheduler did not run are covered, as
 * the watermark stays where the last run left it.
 */
@Injectable()
export class GrantEndingsJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  run(): Promise<number> {
    const today = this.clock.today();
    const due = (since: Watermark | undefined, limit: number) =>
      endedTimeLimitedGrantsSql(
        '$2',
        notNoticed,
        limit,
        since?.day ? { day: '$3', completedAt: '$4' } : undefined,
      );
    const params = (since: Watermark | undefined) => (since?.day ? [today, since.day, since.at] : [today]);
    return watermarkedRun(
      this.db,
      'GRANT_ENDED',
      { day: today, at: this.clock.now() },
      (since) =>
        this.db.transaction(async (m) => {
          const ids = await recordNotices(
            m,
            'GRANT_ENDED',
            due(since, NOTICE_BATCH),
            params(since),
            this.clock.now(),
          );
          for (const f of await orderNoticeFacts(m, ids)) {
            await this.mail.enqueue(m, {
              to: f.orderer.email,
              template: 'TIME_LIMITED_GRANT_ENDED',
              data: { ...f.mail, recipientName: f.orderer.name ?? undefined, endDate: f.endDate ?? '' },
            });
          }
          return ids.length;
        }),
      (since) => ({ dueSql: due(since, 1), params: params(since) }),
    );
  }
}
