import { Body, Controller, Delete, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiPage, ApiProblem, ProblemDetails } from '../common/api-schema.js';
import { SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import { CreateStandInDto } from './stand-ins.dto.js';
import { StandInItem, StandInsService } from './stand-ins.service.js';

/**
 * Ersättare (issue 17, point 4; domain.md rule 41). Open to anyone signed in: a stand-in needs
 * no rights of their own to see who named them. Naming one needs ATTEST rights somewhere (403
 * otherwise); ending one is for the attestant who named it or an administrator. Not for auditors.
 */
@Controller('stand-ins')
@SignedIn()
@ApiTags('delegations')
export class StandInsController {
  constructor(private readonly service: StandInsService) {}

  /** Those I named and those naming me (an administrator: all). Filters id, attestantId, standInId. */
  @Get()
  @ApiPage(StandInItem, 'stand-ins')
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StandInItem[]> {
    return pageBody(res, 'stand-ins', await this.service.list(actor, query));
  }

  @Post()
  @ApiCreatedResponse({ type: StandInItem })
  @ApiProblem(403, ProblemDetails, 'The caller holds no ATTEST rights.')
  @ApiProblem(
    409,
    ProblemDetails,
    'The same person already stands in for the caller during part of the period.',
  )
  create(@CurrentActor() actor: Actor, @Body() dto: CreateStandInDto): Promise<StandInItem> {
    return this.service.create(actor, dto);
  }

  /** Ends it at once (revoked_at). */
  @Delete(':id')
  @ApiOkResponse({ type: StandInItem, description: 'The stand-in as ended.' })
  @ApiProblem(403, ProblemDetails, 'The caller is the stand-in, not the attestant who named it.')
  @ApiProblem(409, ProblemDetails, 'Already ended or revoked.')
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<StandInItem> {
    return this.service.revoke(actor, id);
  }
}
