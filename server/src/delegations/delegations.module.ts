import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { MailModule } from '../mail/mail.module.js';
import { DelegationRecorder } from './delegation-recorder.js';
import { DelegationsController } from './delegations.controller.js';
import { DelegationsService } from './delegations.service.js';

/** Delegations: grant, limit, revoke, search. Its service also feeds the derived rights (auth). */
@Module({
  imports: [AuditModule, MailModule],
  controllers: [DelegationsController],
  providers: [DelegationsService, DelegationRecorder],
  exports: [DelegationsService],
})
export class DelegationsModule {}
