import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly, RightsHolder } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { PERSON_EXPORT } from './directory.exports.js';
import { CreatePersonDto, UpdatePersonDto } from './dto/person.dto.js';
import { PersonListItem } from './persons.queries.js';
import { PersonDetail, PersonsService } from './persons.service.js';
import { pageBody } from '../common/sql.js';

@Controller('persons')
@RightsHolder()
@ApiTags('directory')
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(PersonListItem, 'persons')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PersonListItem[]> {
    return pageBody(res, 'persons', await this.persons.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('personer')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, PERSON_EXPORT, { today: this.clock.today() });
  }

  /** Declared before `:id` so that "lookup" is not taken for an id. */
  @Get('lookup')
  @ApiQuery({
    name: 'personnummer',
    required: false,
    schema: { type: 'string' },
    description: 'Any accepted form.',
  })
  @ApiQuery({ name: 'passportNumber', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'hsaId', required: false, schema: { type: 'string' } })
  @ApiOkResponse({
    type: PersonDetail,
    description: 'The one person with exactly one of the three given; 404 if none.',
  })
  lookup(@Query() query: Record<string, unknown>): Promise<PersonDetail> {
    return this.persons.lookup(query);
  }

  @Get(':id')
  @ApiOkResponse({ type: PersonDetail })
  detail(@Param('id') id: string): Promise<PersonDetail> {
    return this.persons.detail(id);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: PersonDetail })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto): Promise<PersonDetail> {
    return this.persons.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOkResponse({ type: PersonDetail, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<PersonDetail> {
    return this.persons.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOkResponse({ type: PersonDetail, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PersonDetail> {
    return this.persons.remove(actor.person.id, id);
  }
}
