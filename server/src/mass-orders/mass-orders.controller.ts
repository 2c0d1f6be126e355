import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../common/api-schema.js';
import type { Request, Response } from 'express';
import { RightsHolder, SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import { requestIdOf } from '../directory/person-access-log.js';
import { BatchesService } from './batches.service.js';
import { CheckMassOrderDto, ImportMassOrderDto, SendMassOrderDto } from './dto/mass-order.dto.js';
import { MassOrderSender } from './mass-order-sender.js';
import { MassOrderProblem } from './mass-orders.errors.js';
import { ApiRefusedOrWarned } from '../orders/order-warnings.js';
import {
  BatchSummary,
  BatchView,
  Candidate,
  CheckResult,
  ImportReport,
  MassOrderAssignment,
  Member,
  PersonBrief,
  SentBatch,
} from './mass-order.types.js';
import { MassOrdersService } from './mass-orders.service.js';

/**
 * Mass orders (docs/api-contract-mass-orders.md). Everything about an assignment needs rights
 * somewhere; whether they cover this very assignment is the service's to check. A batch is
 * read by anyone signed in and shown only to those it concerns.
 */
@Controller('mass-orders')
@ApiTags('mass-orders')
// The person columns every list of the page shares (the UI's rows build on it).
@ApiExtraModels(PersonBrief)
export class MassOrdersController {
  constructor(
    private readonly massOrders: MassOrdersService,
    private readonly sender: MassOrderSender,
    private readonly batches: BatchesService,
  ) {}

  @Get('assignments/:assignmentId')
  @RightsHolder()
  @ApiOkResponse({ type: MassOrderAssignment })
  assignment(@CurrentActor() actor: Actor, @Param('assignmentId') id: string): Promise<MassOrderAssignment> {
    return this.massOrders.assignment(actor, id);
  }

  @Get('assignments/:assignmentId/members')
  @RightsHolder()
  @ApiPage(Member, 'members')
  async members(
    @CurrentActor() actor: Actor,
    @Param('assignmentId') id: string,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Member[]> {
    return pageBody(res, 'members', await this.massOrders.members(actor, id, query));
  }

  @Get('assignments/:assignmentId/candidates')
  @RightsHolder()
  @ApiPage(Candidate, 'candidates')
  async candidates(
    @CurrentActor() actor: Actor,
    @Param('assignmentId') id: string,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Candidate[]> {
    return pageBody(res, 'candidates', await this.massOrders.candidates(actor, id, query));
  }

  @Post('import')
  @RightsHolder()
  @HttpCode(200)
  @ApiOkResponse({
    type: ImportReport,
    description:
      'What each line named; nothing is changed but the lookup log: each value looked up is one LOOKUP row, purpose mass-order. Rate-limited per person (RATE_LIMIT_MASS_ORDER_IMPORT).',
  })
  import(
    @CurrentActor() actor: Actor,
    @Body() dto: ImportMassOrderDto,
    @Req() req: Request,
  ): Promise<ImportReport> {
    return this.massOrders.import(actor, dto, requestIdOf(req));
  }

  @Post('check')
  @RightsHolder()
  @HttpCode(200)
  @ApiOkResponse({
    type: CheckResult,
    description: 'The rules applied to the send as it stands; nothing is changed.',
  })
  check(@CurrentActor() actor: Actor, @Body() dto: CheckMassOrderDto): Promise<CheckResult> {
    return this.massOrders.check(actor, dto);
  }

  @Post()
  @RightsHolder()
  @ApiCreatedResponse({ type: SentBatch, description: 'One order per person.' })
  @ApiRefusedOrWarned(
    MassOrderProblem,
    'The rules refuse the send (urn:beh:problem:mass-order-rule), naming each violation and person; 409 when another send took a line meanwhile.',
  )
  send(@CurrentActor() actor: Actor, @Body() dto: SendMassOrderDto): Promise<SentBatch> {
    return this.sender.send(actor, dto);
  }

  @Get('batches')
  @SignedIn()
  @ApiPage(BatchSummary, 'batches')
  async batchList(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchSummary[]> {
    return pageBody(res, 'batches', await this.batches.list(actor, query));
  }

  @Get('batches/:batchId')
  @SignedIn()
  @ApiOkResponse({ type: BatchView })
  batch(@CurrentActor() actor: Actor, @Param('batchId') id: string): Promise<BatchView> {
    return this.batches.batch(actor, id);
  }
}
