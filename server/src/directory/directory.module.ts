import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssignmentsService, SystemsService } from './assignments.service.js';
import { AssignmentsController, CareUnitsController, SystemsController } from './catalogue.controller.js';
import { CareUnitsService } from './care-units.service.js';
import { EngagementsController, HeldAssignmentsController } from './engagements.controller.js';
import { EngagementsService, HeldAssignmentsService } from './engagements.service.js';
import { directoryEntities } from './entities/index.js';
import { AdministrationsController, CareProvidersController } from './organisation.controller.js';
import { AdministrationsService, CareProvidersService } from './organisation.service.js';
import { PersonsController } from './persons.controller.js';
import { PersonsService } from './persons.service.js';

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
 * all PersonsService (lookup, detail), never its repositories.
 */
@Module({
  imports: [TypeOrmModule.forFeature(directoryEntities)],
  controllers: [
    PersonsController,
    CareUnitsController,
    AssignmentsController,
    SystemsController,
    EngagementsController,
    HeldAssignmentsController,
    AdministrationsController,
    CareProvidersController,
  ],
  providers: services,
  exports: services,
})
export class DirectoryModule {}
