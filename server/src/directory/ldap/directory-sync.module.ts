import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { DirectorySyncController } from './directory-sync.controller.js';
import { DirectorySyncService } from './directory-sync.service.js';

/**
 * The directory read from KIV over LDAP (issue 15): the sync, its runs and "Synka nu", and the
 * directory's source for the UI. Part of the directory module (its tables); the scheduler's job
 * calls DirectorySyncService, and the write-back opens LDAP with openLdap (ldap-client.ts).
 */
@Module({
  imports: [AuditModule],
  controllers: [DirectorySyncController],
  providers: [DirectorySyncService],
  exports: [DirectorySyncService],
})
export class DirectorySyncModule {}
