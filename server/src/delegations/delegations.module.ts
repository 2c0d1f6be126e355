import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MailModule } from '../mail/mail.module.js';
import { AuditorsController } from './auditors.controller.js';
import { AuditorsService } from './auditors.service.js';
import { DelegationRecorder } from './delegation-recorder.js';
import { DelegationsController } from './delegations.controller.js';
import { DelegationsGrantorController } from './delegations-grantor.controller.js';
import { DelegationsGrantorService } from './delegations-grantor.service.js';
import { DelegationsService } from './delegations.service.js';
import { RightsService } from './rights.service.js';
import { StandInsController } from './stand-ins.controller.js';
import { StandInsService } from './stand-ins.service.js';

/**
 * Delegations: grant, limit, revoke, search; and RightsService, the derived rights of a person
 * (head of unit, active delegations, administrator, auditor), provided here once for every module;
 * and the auditors (Revisorer) administrators assign; and the stand-ins (Ersättare) attestants name.
 */
@Module({
  imports: [AuditModule, MailModule],
  controllers: [DelegationsController, DelegationsGrantorController, AuditorsController, StandInsController],
  providers: [
    DelegationsService,
    DelegationRecorder,
    RightsService,
    DelegationsGrantorService,
    AuditorsService,
    StandInsService,
  ],
  exports: [DelegationsService, RightsService],
})
export class DelegationsModule {}
