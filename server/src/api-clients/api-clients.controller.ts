import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import { ApiClientItem, CreatedApiClient } from './api-client.types.js';
import { ApiClientsService } from './api-clients.service.js';
import { CreateApiClientDto } from './dto/create-api-client.dto.js';

/** API clients, for administrators: list, create (the token is answered once) and revoke. */
@AdminOnly()
@Controller('api-clients')
@ApiTags('api-clients')
export class ApiClientsController {
  constructor(private readonly clients: ApiClientsService) {}

  @Get()
  @ApiPage(ApiClientItem, 'api-clients')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApiClientItem[]> {
    return pageBody(res, 'api-clients', await this.clients.list(query));
  }

  @Get(':id')
  @ApiOkResponse({ type: ApiClientItem })
  get(@Param('id') id: string): Promise<ApiClientItem> {
    return this.clients.get(id);
  }

  @Post()
  @ApiCreatedResponse({
    type: CreatedApiClient,
    description: 'The client and its token: the only answer that ever holds the token.',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateApiClientDto): Promise<CreatedApiClient> {
    return this.clients.create(actor.person.id, dto);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOkResponse({
    type: ApiClientItem,
    description: 'The client, revoked; its token is refused from now on.',
  })
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ApiClientItem> {
    return this.clients.revoke(actor.person.id, id);
  }
}
