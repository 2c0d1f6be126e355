import { Body, Controller, Delete, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly, RightsHolder } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { CreateEngagementDto, UpdateEngagementDto } from './dto/engagement.dto.js';
import { EngagementItem, EngagementsService } from './engagements.service.js';
import { pageBody } from '../common/sql.js';
import { ReadOnlyInLdapMode } from './ldap/read-only.guard.js';

@Controller('engagements')
@ReadOnlyInLdapMode()
@RightsHolder()
@ApiTags('directory')
export class EngagementsController {
  constructor(private readonly engagements: EngagementsService) {}

  @Get()
  @ApiPage(EngagementItem, 'engagements')
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EngagementItem[]> {
    const showProtected = actor.person.isAdministrator;
    return pageBody(res, 'engagements', await this.engagements.list(query, showProtected));
  }

  @Get(':id')
  @ApiOkResponse({
    type: EngagementItem,
    description: '404 for an engagement of a person with a protected identity, but to administrators.',
  })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<EngagementItem> {
    return this.engagements.get(id, undefined, actor.person.isAdministrator);
  }

  @Post()
  @AdminOnly()
  @ApiCreatedResponse({ type: EngagementItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateEngagementDto): Promise<EngagementItem> {
    return this.engagements.create(actor.person.id, dto);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOkResponse({ type: EngagementItem, description: 'The row as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateEngagementDto,
  ): Promise<EngagementItem> {
    return this.engagements.update(actor.person.id, id, dto);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOkResponse({ type: EngagementItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<EngagementItem> {
    return this.engagements.remove(actor.person.id, id);
  }
}
