import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import { orderNoticeFacts } from './notice-facts.queries.js';
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
          `SELECT o.id FROM vmu_order o
            WHERE o.type = 'GRANT' AND o.status = 'COMPLETED' AND o.end_date IS NOT NULL
              AND o.end_date < $2::date AND ${notNoticed('o')}
              AND EXISTS (SELECT 1 FROM vmu_order_item i
                            JOIN held_assignment h ON h.person_id = i.end_user_id AND h.assignment_id = i.assignment_id
                           WHERE i.order_id = o.id AND i.status = 'DONE'
                             AND h.valid_from = o.start_date AND h.valid_to = o.end_date)
            ORDER BY o.end_date, o.id LIMIT ${NOTICE_BATCH}`,
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
