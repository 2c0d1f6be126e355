import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { AuditAnchorService } from './audit-anchor.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { AuditVerifyService } from './audit-verify.service.js';

/**
 * The append-only, hash-chained audit log. Other modules call `AuditService.append(manager, …)`
 * in the transaction of the change they record. Verification (incremental from checkpoints, full
 * runs in the background) is the module's own: AuditVerifyService; so are the anchors of the chain
 * head published outside the database (AuditAnchorService, made by the scheduler).
 */
@Module({
  imports: [MailModule],
  controllers: [AuditController],
  providers: [AuditService, AuditVerifyService, AuditAnchorService],
  exports: [AuditService, AuditAnchorService],
})
export class AuditModule {}
