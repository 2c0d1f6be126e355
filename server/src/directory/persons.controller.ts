import { Body, Controller, Delete, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly, ClientScope, RightsHolder } from '../common/auth/policy.js';
import { type Actor, actorOf, authOf, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { PERSON_EXPORT } from './directory.exports.js';
import { CreatePersonDto, UpdatePersonDto } from './dto/person.dto.js';
import { ACCESS_PURPOSES, PURPOSE_HEADER, purposeOf, requestIdOf } from './person-access-log.js';
import { personList, PersonListItem } from './persons.queries.js';
import { PersonDetail, PersonsService, type ReadContext } from './persons.service.js';
import { pageBody } from '../common/sql.js';
import { ReadOnlyInLdapMode } from './ldap/read-only.guard.js';

@Controller('persons')
@ReadOnlyInLdapMode()
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
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PersonListItem[]> {
    return pageBody(res, 'persons', await this.persons.list(query, actor.person.isAdministrator));
  }

  /** The whole list as CSV (declared before `:id`), with the list's visibility for this reader. */
  @Get('export')
  @ApiCsvExport('personer')
  exportCsv(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const exp = { ...PERSON_EXPORT, spec: personList(undefined, actor.person.isAdministrator) };
    return streamCsv(this.db, req, res, query, exp, { today: this.clock.today() });
  }

  /** Declared before `:id` so that "lookup" is not taken for an id. */
  @Get('lookup')
  @ClientScope('persons:lookup')
  @ApiQuery({
    name: 'personnummer',
    required: false,
    schema: { type: 'string' },
    description: 'Any accepted form.',
  })
  @ApiQuery({ name: 'passportNumber', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'hsaId', required: false, schema: { type: 'string' } })
  @ApiPurpose()
  @ApiOkResponse({
    type: PersonDetail,
    description:
      'The one person with exactly one of the three given; 404 if none. The personnummer is whole ' +
      'when it was the key asked by, the passport number when it was; otherwise each is masked as ' +
      'in lists, but to administrators, who get both whole. ' +
      'Every lookup, found or not, is recorded in the lookup log (GET /api/person-access-log).',
  })
  lookup(@Query() query: Record<string, unknown>, @Req() req: Request): Promise<PersonDetail> {
    return this.persons.lookup(query, readContext(req));
  }

  @Get(':id')
  @ApiPurpose()
  @ApiOkResponse({
    type: PersonDetail,
    description:
      'Whole to administrators; to others with personnummer and passport number masked, and 404 for a ' +
      'protected identity. Every opening is recorded in the lookup log.',
  })
  detail(@Param('id') id: string, @Req() req: Request): Promise<PersonDetail> {
    return this.persons.open(id, readContext(req));
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

/**
 * Who reads, from which screen (X-BEH-Purpose, refused when unknown): what the lookup log records.
 * An API client (a bearer token, when the route is open to one) is logged by its id and name.
 */
function readContext(req: Request): ReadContext {
  const purpose = purposeOf(req);
  const requestId = requestIdOf(req);
  const client = (authOf(req) as { client?: { id: string; name: string } }).client;
  if (client) {
    const reader = { personId: null, clientId: client.id, clientName: client.name, isAdministrator: false };
    return { reader, purpose, requestId };
  }
  const { person } = actorOf(req);
  return { reader: { personId: person.id, isAdministrator: person.isAdministrator }, purpose, requestId };
}

function ApiPurpose(): MethodDecorator {
  return ApiHeader({
    name: PURPOSE_HEADER,
    required: false,
    description:
      'Why the person is read: the screen it is read from, recorded in the lookup log; `api` when ' +
      'absent. 400 for any other value.',
    schema: { type: 'string', enum: [...ACCESS_PURPOSES] },
  });
}
