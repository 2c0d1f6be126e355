import { Body, Controller, Delete, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
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
import { CreateSystemAdministratorDto } from './system-administrators.dto.js';
import { SYSTEM_ADMINISTRATOR_EXPORT } from './system-administrators.exports.js';
import { SystemAdministratorItem, SystemAdministratorsService } from './system-administrators.service.js';

/** Systemadministratörer: who carries out each system's parts; administrators only. */
@Controller('system-administrators')
@AdminOnly()
@ApiTags('access-catalogue')
export class SystemAdministratorsController {
  constructor(
    private readonly service: SystemAdministratorsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Filters systemId, personId, q. */
  @Get()
  @ApiPage(SystemAdministratorItem, 'system-administrators')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SystemAdministratorItem[]> {
    return pageBody(res, 'system-administrators', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('systemadministratörer')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, SYSTEM_ADMINISTRATOR_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: SystemAdministratorItem })
  get(@Param('id') id: string): Promise<SystemAdministratorItem> {
    return this.service.get(id);
  }

  @Post()
  @ApiCreatedResponse({ type: SystemAdministratorItem })
  create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateSystemAdministratorDto,
  ): Promise<SystemAdministratorItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: SystemAdministratorItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SystemAdministratorItem> {
    return this.service.remove(actor.person.id, id);
  }
}
