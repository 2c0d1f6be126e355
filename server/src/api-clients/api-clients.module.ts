import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { ApiClientsController } from './api-clients.controller.js';
import { ApiClientsService } from './api-clients.service.js';

/**
 * API clients (other systems calling with a bearer token). Exports its service to the auth
 * module, whose guard checks the token and records each call.
 */
@Module({
  imports: [AuditModule],
  controllers: [ApiClientsController],
  providers: [ApiClientsService],
  exports: [ApiClientsService],
})
export class ApiClientsModule {}
