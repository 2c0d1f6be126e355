import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { MailModule } from '../mail/mail.module.js';
import { CarryOutService } from './carry-out.service.js';
import { OrderStateMachine } from './order-state.js';
import { OrderableService } from './orderable.service.js';
import { OrderingController, OrdersController } from './orders.controller.js';
import { OrdersService } from './orders.service.js';
import { PlacementService } from './placement.service.js';
import { ReportsController } from './reports.controller.js';
import { ReportsService } from './reports.service.js';

/**
 * Ordering VMU: placing (wizard), the history, change of attestant and cancel. Every change of
 * an order goes through OrderStateMachine, exported for the attest and scheduler modules, as is
 * CarryOutService (APPROVED → COMPLETED) for approval time and for the scheduler at the date.
 * Who may order and attest comes from the delegations module's RightsService.
 */
@Module({
  imports: [DelegationsModule, MailModule, AuditModule, DirectoryModule],
  controllers: [OrdersController, OrderingController, ReportsController],
  providers: [
    OrderStateMachine,
    PlacementService,
    OrdersService,
    OrderableService,
    CarryOutService,
    ReportsService,
  ],
  exports: [OrderStateMachine, OrdersService, CarryOutService],
})
export class OrdersModule {}
