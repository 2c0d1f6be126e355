import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MailModule } from '../mail/mail.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { FulfilmentController } from './fulfilment.controller.js';
import { FulfilmentQueueService } from './fulfilment-queue.service.js';
import { FulfilmentRemindersService } from './fulfilment-reminders.service.js';
import { FulfilmentService } from './fulfilment.service.js';
import { HandoverService } from './handover.service.js';

/**
 * Carrying out access orders (issue 14): the parts per line and system (access_part), handed
 * over when an approved order's date has come, settled by the systems' administrators in the
 * queue "Att utföra" or over SCIM, and the order completed when all are. Exports
 * FulfilmentService.settle (the SCIM delivery's) and HandoverService (the scheduler's job).
 */
@Module({
  imports: [OrdersModule, MailModule, AuditModule],
  controllers: [FulfilmentController],
  providers: [FulfilmentService, HandoverService, FulfilmentQueueService, FulfilmentRemindersService],
  exports: [FulfilmentService, HandoverService, FulfilmentQueueService, FulfilmentRemindersService],
})
export class FulfilmentModule {}
