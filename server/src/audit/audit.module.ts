import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { AuditVerifyService } from './audit-verify.service.js';

/**
 * The append-only, hash-chained audit log. Other modules call `AuditService.append(manager, …)`
 * in the transaction of the change they record. Verification (incremental from checkpoints, full
 * runs in the background) is the module's own: AuditVerifyService.
 */
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditVerifyService],
  exports: [AuditService],
})
export class AuditModule {}
