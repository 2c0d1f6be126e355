import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MailService } from '../mail/mail.service.js';
import { delegationNoticeFacts } from './notice-facts.queries.js';
import { NOTICE_BATCH, notNoticed, recordNotices } from './notices.js';

/**
 * Tells the delegate and the head of the unit, once, that a delegation ends within
 * DELEGATION_NOTICE_DAYS (14). Only a notice: the delegation stops being honoured after its
 * `valid_to` because rights are computed from the dates on every request, with no job involved.
 * A delegation granted or limited to end inside the window is told at the next tick.
 */
@Injectable()
export class DelegationExpiryJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.db.transaction(async (m) => {
        const ids = await recordNotices(
          m,
          'DELEGATION_EXPIRING',
          `SELECT d.id FROM delegation d
            WHERE d.revoked_at IS NULL AND d.valid_to IS NOT NULL
              AND d.valid_to BETWEEN $2::date AND $2::date + $3::int AND ${notNoticed('d')}
            ORDER BY d.valid_to, d.id LIMIT ${NOTICE_BATCH}`,
          [this.clock.today(), this.config.scheduler.delegationNoticeDays],
          this.clock.now(),
        );
        for (const f of await delegationNoticeFacts(m, ids)) {
          const delegateName = f.delegate.name ?? '';
          await this.mail.enqueue(m, {
            to: f.delegate.email,
            template: 'DELEGATION_EXPIRING',
            data: { ...f.mail, recipientName: delegateName, delegateName, toDelegate: true },
          });
          if (f.head.id && f.head.id !== f.delegate.id) {
            await this.mail.enqueue(m, {
              to: f.head.email,
              template: 'DELEGATION_EXPIRING',
              data: { ...f.mail, recipientName: f.head.name ?? undefined, delegateName, toDelegate: false },
            });
          }
        }
        return ids.length;
      });
      total += sent;
      if (sent < NOTICE_BATCH) return total;
    }
  }
}
