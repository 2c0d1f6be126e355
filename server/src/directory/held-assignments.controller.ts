import { Controller, Delete, Get, HttpStatus, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiPage, ApiProblem, ProblemDetails } from '../common/api-schema.js';
import { AuditorReads, ClientScope, RightsHolder } from '../common/auth/policy.js';
import { type Actor, CurrentReader } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import { pageBody } from '../common/sql.js';
import { HeldAssignmentItem, HeldAssignmentsService } from './held-assignments.service.js';

const HOLDINGS_READ_ONLY =
  'Innehav av uppdrag ändras bara genom att en attesterad beställning utförs. ' +
  'Beställ eller avsluta uppdraget i stället.';

/**
 * Holdings are read here and changed only by carrying out an attested order (rule 17, Holdings
 * change only by carrying out an order): a write by hand would give a VMU with no order, no attest,
 * no signature and no audit event. The write methods answer 405 with `Allow: GET` rather than a
 * 404, so a client is told why, and write nothing.
 */
const READ_ONLY_ANSWER = 'Always: holdings change only when an attested order is carried out (Allow: GET).';

@Controller('held-assignments')
@RightsHolder()
@ApiTags('directory')
export class HeldAssignmentsController {
  constructor(private readonly heldAssignments: HeldAssignmentsService) {}

  @Get()
  @ClientScope('holdings:read')
  @AuditorReads()
  @ApiPage(HeldAssignmentItem, 'held-assignments')
  async list(
    @CurrentReader() reader: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HeldAssignmentItem[]> {
    const showProtected = reader.person.isAdministrator;
    return pageBody(res, 'held-assignments', await this.heldAssignments.list(query, showProtected));
  }

  @Get(':id')
  @ClientScope('holdings:read')
  @AuditorReads()
  @ApiOkResponse({
    type: HeldAssignmentItem,
    description: '404 for a holding of a person with a protected identity, but to administrators.',
  })
  get(@CurrentReader() reader: Actor, @Param('id') id: string): Promise<HeldAssignmentItem> {
    return this.heldAssignments.get(id, undefined, reader.person.isAdministrator);
  }

  @Post()
  @ApiProblem(405, ProblemDetails, READ_ONLY_ANSWER)
  create(@Res({ passthrough: true }) res: Response): never {
    return readOnly(res);
  }

  @Put(':id')
  @ApiProblem(405, ProblemDetails, READ_ONLY_ANSWER)
  update(@Res({ passthrough: true }) res: Response): never {
    return readOnly(res);
  }

  @Patch(':id')
  @ApiProblem(405, ProblemDetails, READ_ONLY_ANSWER)
  patch(@Res({ passthrough: true }) res: Response): never {
    return readOnly(res);
  }

  @Delete(':id')
  @ApiProblem(405, ProblemDetails, READ_ONLY_ANSWER)
  remove(@Res({ passthrough: true }) res: Response): never {
    return readOnly(res);
  }
}

function readOnly(res: Response): never {
  // RFC 9110: a 405 names the methods the resource does support.
  res.setHeader('Allow', 'GET');
  throw new ProblemException(HttpStatus.METHOD_NOT_ALLOWED, 'read-only', HOLDINGS_READ_ONLY);
}
