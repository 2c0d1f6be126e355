import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AdminOnly, RightsHolder } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { CreatePersonDto, UpdatePersonDto } from './dto/person.dto.js';
import { type PersonDetail, type PersonListItem, PersonsService } from './persons.service.js';
import { pageBody } from '../common/sql.js';

@Controller('persons')
@RightsHolder()
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Get()
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PersonListItem[]> {
    return pageBody(res, 'persons', await this.persons.list(query));
  }

  /** Declared before `:id` so that "lookup" is not taken for an id. */
  @Get('lookup')
  lookup(@Query() query: Record<string, unknown>): Promise<PersonDetail> {
    return this.persons.lookup(query);
  }

  @Get(':id')
  detail(@Param('id') id: string): Promise<PersonDetail> {
    return this.persons.detail(id);
  }

  @Post()
  @AdminOnly()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto): Promise<PersonDetail> {
    return this.persons.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdatePersonDto,
  ): Promise<PersonDetail> {
    return this.persons.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<PersonDetail> {
    return this.persons.remove(actor.person.id, id);
  }
}
