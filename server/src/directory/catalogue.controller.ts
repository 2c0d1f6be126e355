import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly, RightsHolder, SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { AssignmentItem, AssignmentsService, SystemItem, SystemsService } from './assignments.service.js';
import { CareUnitItem, CareUnitsService } from './care-units.service.js';
import { ASSIGNMENT_EXPORT, CARE_UNIT_EXPORT, SYSTEM_EXPORT } from './directory.exports.js';
import { CreateAssignmentDto, UpdateAssignmentDto } from './dto/assignment.dto.js';
import { CreateCareUnitDto, UpdateCareUnitDto } from './dto/care-unit.dto.js';
import { CreateSystemDto, UpdateSystemDto } from './dto/system.dto.js';
import { pageBody } from '../common/sql.js';
import { ReadOnlyInLdapMode } from './ldap/read-only.guard.js';

@Controller('care-units')
@ReadOnlyInLdapMode()
@RightsHolder()
@ApiTags('directory')
export class CareUnitsController {
  constructor(
    private readonly careUnits: CareUnitsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(CareUnitItem, 'care-units')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CareUnitItem[]> {
    return pageBody(res, 'care-units', await this.careUnits.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('vardenheter')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, CARE_UNIT_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: CareUnitItem })
  get(@Param('id') id: string): Promise<CareUnitItem> {
    return this.careUnits.get(id);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: CareUnitItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCareUnitDto): Promise<CareUnitItem> {
    return this.careUnits.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOkResponse({ type: CareUnitItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateCareUnitDto,
  ): Promise<CareUnitItem> {
    return this.careUnits.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOkResponse({ type: CareUnitItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CareUnitItem> {
    return this.careUnits.remove(actor.person.id, id);
  }
}

@Controller('assignments')
@ReadOnlyInLdapMode()
@RightsHolder()
@ApiTags('directory')
export class AssignmentsController {
  constructor(
    private readonly assignments: AssignmentsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(AssignmentItem, 'assignments')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AssignmentItem[]> {
    return pageBody(res, 'assignments', await this.assignments.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('uppdrag')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, ASSIGNMENT_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: AssignmentItem })
  get(@Param('id') id: string): Promise<AssignmentItem> {
    return this.assignments.get(id);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: AssignmentItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAssignmentDto): Promise<AssignmentItem> {
    return this.assignments.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOkResponse({ type: AssignmentItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAssignmentDto,
  ): Promise<AssignmentItem> {
    return this.assignments.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOkResponse({ type: AssignmentItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AssignmentItem> {
    return this.assignments.remove(actor.person.id, id);
  }
}

/** The systems guide is for everyone signed in; only administrators change it. */
@Controller('systems')
@SignedIn()
@ApiTags('directory')
export class SystemsController {
  constructor(
    private readonly systems: SystemsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(SystemItem, 'systems')
  async list(@Query() query: RawListQuery, @Res({ passthrough: true }) res: Response): Promise<SystemItem[]> {
    return pageBody(res, 'systems', await this.systems.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('systemguide')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, SYSTEM_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: SystemItem })
  get(@Param('id') id: string): Promise<SystemItem> {
    return this.systems.get(id);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: SystemItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSystemDto): Promise<SystemItem> {
    return this.systems.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOkResponse({ type: SystemItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateSystemDto,
  ): Promise<SystemItem> {
    return this.systems.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOkResponse({ type: SystemItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SystemItem> {
    return this.systems.remove(actor.person.id, id);
  }
}
