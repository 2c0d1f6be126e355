import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import { orderNoticeFacts } from '../orders/order-notices.queries.js';
import { endedTimeLimitedGrantsSql } from '../orders/orders.reads.js';
import { NOTICE_BATCH, notNoticed, recordNotices } from './notices.js';

/**
 * Time-limited grants (an order's end date, "tidsbegränsat"): the holding was written with
 * `valid_to` = the end date when the order was carried out, so it stops being active by date
 * alone. What is left for the scheduler is to tell the orderer, once, on the first day without
 * it. A holding ended earlier by a revoke no longer matches the order's dates and is not told.
 */
@Injectable()
export class GrantEndingsJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.db.transaction(async (m) => {
        const ids = await recordNotices(
          m,
          'GRANT_ENDED',
          endedTimeLimitedGrantsSql('$2', notNoticed, NOTICE_BATCH),
          [this.clock.today()],
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
      });
      total += sent;
      if (sent < NOTICE_BATCH) return total;
    }
  }
}
