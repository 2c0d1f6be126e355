import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiPage } from '../common/api-schema.js';
import { pageBody } from '../common/sql.js';
import { AuditorReads, ClientScope, Delegator, RightsHolder } from '../common/auth/policy.js';
import { type Actor, CurrentActor, CurrentReader } from '../common/auth/request-auth.js';
import { type RawListQuery, setContentRange } from '../common/list-query.js';
import {
  DelegationDetail,
  DelegationItem,
  GrantableOperationItem,
  GrantableUnit,
  GrantableUnitItem,
} from './delegation.types.js';
import { DelegationsService } from './delegations.service.js';
import { CreateDelegationDto, UpdateDelegationDto } from './dto/delegation.dto.js';

/**
 * Reading is for anyone with rights (the service shows each only what concerns them: heads their
 * units and verksamheter, administrators all, delegates their own); granting and changing for
 * heads of unit or verksamhet and administrators, and the service checks the very unit or verksamhet.
 */
@Controller('delegations')
@ApiTags('delegations')
export class DelegationsController {
  constructor(private readonly delegations: DelegationsService) {}

  /** API clients with delegations:read read every delegation of the region. */
  @Get()
  @RightsHolder()
  @ClientScope('delegations:read')
  @AuditorReads()
  @ApiPage(DelegationItem, 'delegations')
  async list(
    @CurrentReader() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DelegationItem[]> {
    const page = await this.delegations.list(actor, query);
    setContentRange(res, 'delegations', page.offset, page.items.length, page.total, page.totalKind);
    return page.items;
  }

  /**
   * The unit picker of "Ny delegering": a page of the units the caller may delegate for (heads:
   * theirs; administrators: all), searchable with `q` (words of the name, or the HSA-id), by name.
   * Declared before `:id` so that the word is not taken for an id.
   */
  @Get('grantable-units')
  @Delegator()
  @ApiPage(GrantableUnitItem, 'grantable-units')
  async grantableUnits(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantableUnitItem[]> {
    return pageBody(res, 'grantable-units', await this.delegations.grantableUnits(actor, query));
  }

  /**
   * The verksamhet picker of "Ny delegering": a page of the verksamheter (of the access catalogue)
   * the caller may delegate for (their heads: theirs; administrators: all), searchable with `q`
   * (words of the verksamhet's or the område's name), by område and name.
   */
  @Get('grantable-operations')
  @Delegator()
  @ApiPage(GrantableOperationItem, 'grantable-operations')
  async grantableOperations(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantableOperationItem[]> {
    return pageBody(res, 'grantable-operations', await this.delegations.grantableOperations(actor, query));
  }

  /** One unit with its catalogue; 403 for a unit the caller may not delegate for, 404 for none. */
  @Get('grantable-units/:id')
  @Delegator()
  @ApiOkResponse({
    type: GrantableUnit,
    description: 'The unit with its catalogue: the assignments a delegation for it may name.',
  })
  grantableUnit(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<GrantableUnit> {
    return this.delegations.grantableUnit(actor, id);
  }

  @Get(':id')
  @RightsHolder()
  @ClientScope('delegations:read')
  @AuditorReads()
  @ApiOkResponse({ type: DelegationDetail })
  detail(@CurrentReader() actor: Actor, @Param('id') id: string): Promise<DelegationDetail> {
    return this.delegations.detail(actor, id);
  }

  @Post()
  @Delegator()
  @ApiCreatedResponse({ type: DelegationItem })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDelegationDto): Promise<DelegationItem> {
    return this.delegations.create(actor, dto);
  }

  @Patch(':id')
  @Delegator()
  @ApiOkResponse({ type: DelegationItem, description: 'The delegation as it is now.' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: UpdateDelegationDto,
  ): Promise<DelegationItem> {
    return this.delegations.update(actor, id, dto);
  }
}
