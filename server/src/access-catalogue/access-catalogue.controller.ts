import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import {
  CreateAccessAreaDto,
  CreateAccessOperationDto,
  CreateAccessTemplateDto,
  CreateLocalSystemDto,
  CreateProfessionDto,
  CreateSystemRoleDto,
  UpdateAccessAreaDto,
  UpdateAccessOperationDto,
  UpdateAccessTemplateDto,
  UpdateLocalSystemDto,
  UpdateProfessionDto,
  UpdateSystemRoleDto,
} from './access-catalogue.dto.js';
import {
  ACCESS_AREA_EXPORT,
  ACCESS_OPERATION_EXPORT,
  ACCESS_TEMPLATE_EXPORT,
  LOCAL_SYSTEM_EXPORT,
  PROFESSION_EXPORT,
  SYSTEM_ROLE_EXPORT,
} from './access-catalogue.exports.js';
import {
  AccessAreaItem,
  AccessAreasService,
  AccessOperationItem,
  AccessOperationsService,
  AccessTemplateItem,
  AccessTemplatesService,
  LocalSystemItem,
  LocalSystemsService,
  ProfessionItem,
  ProfessionsService,
  SystemRoleItem,
  SystemRolesService,
} from './access-catalogue.service.js';

/*
 * The access catalogue's routes (ra-data-simple-rest: list with filter/range/sort and
 * Content-Range, one, create, update, delete, and the list as CSV). Administrators only, reads
 * too: ordering, which will read the catalogue for others, comes later.
 */

/** Local and regional systems whose access is ordered through templates; the SCIM token is write only. */
@Controller('local-systems')
@AdminOnly()
@ApiTags('access-catalogue')
export class LocalSystemsController {
  constructor(
    private readonly service: LocalSystemsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(LocalSystemItem, 'local-systems')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LocalSystemItem[]> {
    return pageBody(res, 'local-systems', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('lokala-system')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, LOCAL_SYSTEM_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: LocalSystemItem })
  get(@Param('id') id: string): Promise<LocalSystemItem> {
    return this.service.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: LocalSystemItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLocalSystemDto): Promise<LocalSystemItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Put(':id')
  @ApiOkResponse({ type: LocalSystemItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateLocalSystemDto,
  ): Promise<LocalSystemItem> {
    return this.service.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: LocalSystemItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<LocalSystemItem> {
    return this.service.remove(actor.person.id, id);
  }
}

/** The roles of each system. */
@Controller('system-roles')
@AdminOnly()
@ApiTags('access-catalogue')
export class SystemRolesController {
  constructor(
    private readonly service: SystemRolesService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(SystemRoleItem, 'system-roles')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SystemRoleItem[]> {
    return pageBody(res, 'system-roles', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('systemroller')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, SYSTEM_ROLE_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: SystemRoleItem })
  get(@Param('id') id: string): Promise<SystemRoleItem> {
    return this.service.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: SystemRoleItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSystemRoleDto): Promise<SystemRoleItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Put(':id')
  @ApiOkResponse({ type: SystemRoleItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateSystemRoleDto,
  ): Promise<SystemRoleItem> {
    return this.service.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: SystemRoleItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SystemRoleItem> {
    return this.service.remove(actor.person.id, id);
  }
}

/** Områden. */
@Controller('access-areas')
@AdminOnly()
@ApiTags('access-catalogue')
export class AccessAreasController {
  constructor(
    private readonly service: AccessAreasService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(AccessAreaItem, 'access-areas')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccessAreaItem[]> {
    return pageBody(res, 'access-areas', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('omraden')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, ACCESS_AREA_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: AccessAreaItem })
  get(@Param('id') id: string): Promise<AccessAreaItem> {
    return this.service.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: AccessAreaItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAccessAreaDto): Promise<AccessAreaItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Put(':id')
  @ApiOkResponse({ type: AccessAreaItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAccessAreaDto,
  ): Promise<AccessAreaItem> {
    return this.service.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: AccessAreaItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AccessAreaItem> {
    return this.service.remove(actor.person.id, id);
  }
}

/** Verksamheter, each with a responsible head. */
@Controller('access-operations')
@AdminOnly()
@ApiTags('access-catalogue')
export class AccessOperationsController {
  constructor(
    private readonly service: AccessOperationsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(AccessOperationItem, 'access-operations')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccessOperationItem[]> {
    return pageBody(res, 'access-operations', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('verksamheter')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, ACCESS_OPERATION_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: AccessOperationItem })
  get(@Param('id') id: string): Promise<AccessOperationItem> {
    return this.service.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: AccessOperationItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAccessOperationDto): Promise<AccessOperationItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Put(':id')
  @ApiOkResponse({ type: AccessOperationItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAccessOperationDto,
  ): Promise<AccessOperationItem> {
    return this.service.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: AccessOperationItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AccessOperationItem> {
    return this.service.remove(actor.person.id, id);
  }
}

/** Yrkeskategorier. */
@Controller('professions')
@AdminOnly()
@ApiTags('access-catalogue')
export class ProfessionsController {
  constructor(
    private readonly service: ProfessionsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(ProfessionItem, 'professions')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProfessionItem[]> {
    return pageBody(res, 'professions', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('yrkeskategorier')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, PROFESSION_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: ProfessionItem })
  get(@Param('id') id: string): Promise<ProfessionItem> {
    return this.service.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: ProfessionItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProfessionDto): Promise<ProfessionItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Put(':id')
  @ApiOkResponse({ type: ProfessionItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateProfessionDto,
  ): Promise<ProfessionItem> {
    return this.service.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: ProfessionItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ProfessionItem> {
    return this.service.remove(actor.person.id, id);
  }
}

/** Behörighetsmallar: bundles of system roles per verksamhet, offered to professions. */
@Controller('access-templates')
@AdminOnly()
@ApiTags('access-catalogue')
export class AccessTemplatesController {
  constructor(
    private readonly service: AccessTemplatesService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(AccessTemplateItem, 'access-templates')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccessTemplateItem[]> {
    return pageBody(res, 'access-templates', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('behorighetsmallar')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, ACCESS_TEMPLATE_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: AccessTemplateItem })
  get(@Param('id') id: string): Promise<AccessTemplateItem> {
    return this.service.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: AccessTemplateItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAccessTemplateDto): Promise<AccessTemplateItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Put(':id')
  @ApiOkResponse({ type: AccessTemplateItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAccessTemplateDto,
  ): Promise<AccessTemplateItem> {
    return this.service.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: AccessTemplateItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AccessTemplateItem> {
    return this.service.remove(actor.person.id, id);
  }
}
