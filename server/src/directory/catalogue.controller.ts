import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdminOnly, RightsHolder, SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import {
  type AssignmentItem,
  AssignmentsService,
  type SystemItem,
  SystemsService,
} from './assignments.service.js';
import { type CareUnitItem, CareUnitsService } from './care-units.service.js';
import { CreateAssignmentDto, UpdateAssignmentDto } from './dto/assignment.dto.js';
import { CreateCareUnitDto, UpdateCareUnitDto } from './dto/care-unit.dto.js';
import { CreateSystemDto, UpdateSystemDto } from './dto/system.dto.js';
import { pageBody } from '../common/sql.js';

@Controller('care-units')
@RightsHolder()
export class CareUnitsController {
  constructor(private readonly careUnits: CareUnitsService) {}

  @Get()
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CareUnitItem[]> {
    return pageBody(res, 'care-units', await this.careUnits.list(query));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<CareUnitItem> {
    return this.careUnits.get(id);
  }

  @Post()
  @AdminOnly()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCareUnitDto): Promise<CareUnitItem> {
    return this.careUnits.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateCareUnitDto,
  ): Promise<CareUnitItem> {
    return this.careUnits.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CareUnitItem> {
    return this.careUnits.remove(actor.person.id, id);
  }
}

@Controller('assignments')
@RightsHolder()
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsService) {}

  @Get()
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentItem[]> {
    return pageBody(res, 'assignments', await this.assignments.list(query));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<AssignmentItem> {
    return this.assignments.get(id);
  }

  @Post()
  @AdminOnly()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAssignmentDto): Promise<AssignmentItem> {
    return this.assignments.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAssignmentDto,
  ): Promise<AssignmentItem> {
    return this.assignments.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AssignmentItem> {
    return this.assignments.remove(actor.person.id, id);
  }
}

/** The systems guide is for everyone signed in; only administrators change it. */
@Controller('systems')
@SignedIn()
export class SystemsController {
  constructor(private readonly systems: SystemsService) {}

  @Get()
  async list(@Query() query: RawListQuery, @Res({ passthrough: true }) res: Response): Promise<SystemItem[]> {
    return pageBody(res, 'systems', await this.systems.list(query));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<SystemItem> {
    return this.systems.get(id);
  }

  @Post()
  @AdminOnly()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSystemDto): Promise<SystemItem> {
    return this.systems.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateSystemDto,
  ): Promise<SystemItem> {
    return this.systems.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SystemItem> {
    return this.systems.remove(actor.person.id, id);
  }
}
