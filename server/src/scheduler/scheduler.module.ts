import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from '../audit/audit.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { FulfilmentModule } from '../fulfilment/fulfilment.module.js';
import { MailModule } from '../mail/mail.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { ReviewsModule } from '../reviews/reviews.module.js';
import { AccessHandoverJob } from './access-handover.job.js';
import { AttestRemindersJob } from './attest-reminders.job.js';
import { DelegationExpiryJob } from './delegation-expiry.job.js';
import { DirectorySyncJob } from './directory-sync.job.js';
import { DirectorySyncModule } from '../directory/ldap/directory-sync.module.js';
import { DueOrdersJob } from './due-orders.job.js';
import { FulfilmentRemindersJob } from './fulfilment-reminders.job.js';
import { GrantEndingsJob } from './grant-endings.job.js';
import { LdapWritesJob } from './ldap-writes.job.js';
import { LeaversJob } from './leavers.job.js';
import { SchedulerService } from './scheduler.service.js';
import { ScimDeliveryJob } from './scim-delivery.job.js';
import { SessionSweepJob } from './session-sweep.job.js';

/**
 * Carrying out approved orders at their date, reminders and expiry notices (design.md,
 * Scheduler), and sweeping ended sessions and SAML requests. Carrying out an order itself is the orders module's CarryOutService, which the
 * attest module also calls at approval time; handing access orders over to their systems, and
 * reminding the systems' administrators, the fulfilment module's.
 */
@Module({
  imports: [
    ScheduleModule.forRoot(),
    DirectorySyncModule,
    OrdersModule,
    FulfilmentModule,
    MailModule,
    AuditModule,
    DirectoryModule,
    ReviewsModule,
  ],
  providers: [
    SchedulerService,
    DueOrdersJob,
    AttestRemindersJob,
    DelegationExpiryJob,
    GrantEndingsJob,
    SessionSweepJob,
    AccessHandoverJob,
    FulfilmentRemindersJob,
    ScimDeliveryJob,
    LdapWritesJob,
    DirectorySyncJob,
    LeaversJob,
  ],
  exports: [SchedulerService],
})
export class SchedulerModule {}
