import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { delegationMailFacts } from '../delegations/delegation-mail-facts.js';
import { delegationsEndingSql } from '../delegations/delegations.reads.js';
import { MailService } from '../mail/mail.service.js';
import { NOTICE_BATCH, notNoticed, recordNotices } from './notices.js';

/**
 * Rule 22, Delegation notice 14 days ahead: tells the delegate and the head of the unit, once,
 * that a delegation in force ends within DELEGATION_NOTICE_DAYS (14). Only a notice: the
 * delegation stops being honoured after its end because rights are computed from the dates on
 * every request, with no job involved. A delegation granted or limited to end inside the window
 * is told at the next tick once it is in force (the delegations module's active test, so a
 * revoked one never is); which delegations those are, the delegations module answers.
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
          delegationsEndingSql('$2', '$3', notNoticed, NOTICE_BATCH),
          [this.clock.today(), this.config.scheduler.delegationNoticeDays],
          this.clock.now(),
        );
        for (const f of await delegationMailFacts(m, ids)) {
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
