import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { MailModule } from '../mail/mail.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { BatchesService } from './batches.service.js';
import { MassOrderSender } from './mass-order-sender.js';
import { MassOrdersController } from './mass-orders.controller.js';
import { MassOrdersService } from './mass-orders.service.js';

/**
 * Mass ordering (rule 8, Mass orders of hundreds in one send): one assignment, many persons added
 * or removed in one send. Orders are created through the orders module's state machine, so a mass
 * order is exactly as many ordinary orders, grouped by their batch id. Who may order comes from
 * the delegations module's RightsService.
 */
@Module({
  imports: [OrdersModule, DelegationsModule, DirectoryModule, MailModule, AuditModule],
  controllers: [MassOrdersController],
  providers: [MassOrdersService, MassOrderSender, BatchesService],
})
export class MassOrdersModule {}
