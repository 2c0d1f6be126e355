import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import {
  AccessAreasController,
  AccessOperationsController,
  AccessTemplatesController,
  LocalSystemsController,
  ProfessionsController,
  SystemRolesController,
} from './access-catalogue.controller.js';
import {
  AccessAreasService,
  AccessOperationsService,
  AccessTemplatesService,
  LocalSystemsService,
  ProfessionsService,
  SystemRolesService,
} from './access-catalogue.service.js';
import { accessCatalogueEntities } from './entities.js';
import { SystemAdministratorsController } from './system-administrators.controller.js';
import { SystemAdministratorsService } from './system-administrators.service.js';

const services = [
  LocalSystemsService,
  SystemRolesService,
  AccessAreasService,
  AccessOperationsService,
  ProfessionsService,
  AccessTemplatesService,
  SystemAdministratorsService,
];

/**
 * The access catalogue (issue 14): local and regional systems, their roles, områden,
 * verksamheter, yrkeskategorier and behörighetsmallar, and each system's administrators. It owns its tables; it reads persons (a
 * verksamhet's head) through the directory's published reads, and records every change in the
 * audit log.
 */
@Module({
  imports: [TypeOrmModule.forFeature(accessCatalogueEntities), AuditModule],
  controllers: [
    LocalSystemsController,
    SystemRolesController,
    AccessAreasController,
    AccessOperationsController,
    ProfessionsController,
    AccessTemplatesController,
    SystemAdministratorsController,
  ],
  providers: services,
  exports: services,
})
export class AccessCatalogueModule {}
