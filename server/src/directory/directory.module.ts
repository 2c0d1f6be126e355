import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AssignmentsService, SystemsService } from './assignments.service.js';
import { AssignmentsController, CareUnitsController, SystemsController } from './catalogue.controller.js';
import { CareUnitsService } from './care-units.service.js';
import { DirectoryAudit } from './directory-audit.js';
import { EngagementsController } from './engagements.controller.js';
import { EngagementsService } from './engagements.service.js';
import { directoryEntities } from './entities/index.js';
import { HeldAssignmentsController } from './held-assignments.controller.js';
import { HeldAssignmentsService } from './held-assignments.service.js';
import { DirectoryHoldings } from './holdings.js';
import { PostgresHoldings } from './holdings.postgres.js';
import { AdministrationsController, CareProvidersController } from './organisation.controller.js';
import { AdministrationsService, CareProvidersService } from './organisation.service.js';
import { PersonAccessLogController } from './person-access-log.controller.js';
import { PersonsController } from './persons.controller.js';
import { PersonsService } from './persons.service.js';
import { DirectoryDriftController } from './ldap/drift.controller.js';
import { LdapWritesController } from './ldap/write-back.controller.js';
import { LdapWriteDelivery } from './ldap/write-back.delivery.js';

const services = [
  PersonsService,
  CareUnitsService,
  AssignmentsService,
  SystemsService,
  EngagementsService,
  HeldAssignmentsService,
  AdministrationsService,
  CareProvidersService,
];

/**
 * The directory (KIV as the portal keeps it). Other modules use its exported services, above
 * all PersonsService (lookup, detail) and DirectoryHoldings (who holds which assignment, and the
 * only way holdings change), and the SQL fragments of directory.reads.ts; never its tables.
 * Every change of its data records an audit event (DirectoryAudit), hence AuditModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature(directoryEntities), AuditModule],
  controllers: [
    PersonsController,
    PersonAccessLogController,
    CareUnitsController,
    AssignmentsController,
    SystemsController,
    EngagementsController,
    HeldAssignmentsController,
    AdministrationsController,
    CareProvidersController,
    LdapWritesController,
    DirectoryDriftController,
  ],
  providers: [
    ...services,
    DirectoryAudit,
    { provide: DirectoryHoldings, useClass: PostgresHoldings },
    LdapWriteDelivery,
  ],
  exports: [...services, DirectoryHoldings, LdapWriteDelivery],
})
export class DirectoryModule {}
