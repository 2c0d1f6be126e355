import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly, RightsHolder } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { ADMINISTRATION_EXPORT, CARE_PROVIDER_EXPORT } from './directory.exports.js';
import {
  CreateAdministrationDto,
  CreateCareProviderDto,
  UpdateAdministrationDto,
  UpdateCareProviderDto,
} from './dto/organisation.dto.js';
import {
  AdministrationItem,
  AdministrationsService,
  CareProviderItem,
  CareProvidersService,
} from './organisation.service.js';
import { pageBody } from '../common/sql.js';
import { BehOwnedFields, ReadOnlyInLdapMode } from './ldap/read-only.guard.js';

@Controller('care-providers')
@ReadOnlyInLdapMode()
@RightsHolder()
@ApiTags('directory')
export class CareProvidersController {
  constructor(
    private readonly careProviders: CareProvidersService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(CareProviderItem, 'care-providers')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CareProviderItem[]> {
    return pageBody(res, 'care-providers', await this.careProviders.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('vardgivare')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, CARE_PROVIDER_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: CareProviderItem })
  get(@Param('id') id: string): Promise<CareProviderItem> {
    return this.careProviders.get(id);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: CareProviderItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCareProviderDto): Promise<CareProviderItem> {
    return this.careProviders.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOkResponse({ type: CareProviderItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateCareProviderDto,
  ): Promise<CareProviderItem> {
    return this.careProviders.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOkResponse({ type: CareProviderItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CareProviderItem> {
    return this.careProviders.remove(actor.person.id, id);
  }
}

@Controller('administrations')
@ReadOnlyInLdapMode()
@RightsHolder()
@ApiTags('directory')
export class AdministrationsController {
  constructor(
    private readonly administrations: AdministrationsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(AdministrationItem, 'administrations')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AdministrationItem[]> {
    return pageBody(res, 'administrations', await this.administrations.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('forvaltningar')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, ADMINISTRATION_EXPORT, { today: this.clock.today() });
  }

  @Get(':id')
  @ApiOkResponse({ type: AdministrationItem })
  get(@Param('id') id: string): Promise<AdministrationItem> {
    return this.administrations.get(id);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: AdministrationItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAdministrationDto): Promise<AdministrationItem> {
    return this.administrations.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  @BehOwnedFields('headPersonId')
  @ApiOkResponse({
    type: AdministrationItem,
    description: "The row as it is now. In ldap mode only headPersonId (BEH's own) may be written.",
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateAdministrationDto,
  ): Promise<AdministrationItem> {
    return this.administrations.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOkResponse({ type: AdministrationItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AdministrationItem> {
    return this.administrations.remove(actor.person.id, id);
  }
}
