import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import { AttestRequestsService } from './attest-requests.service.js';
import { AttestService } from './attest.service.js';
import type {
  AttestOrderView,
  AttestRequestStatus,
  AttestSignRequestAnswer,
  QueueBatch,
  QueueCounts,
  QueueItem,
  SignatureCheck,
} from './attest.types.js';
import { CreateAttestSignRequestDto } from './dto/sign-request.dto.js';

/**
 * The attestant's routes. Open to anyone signed in: being an order's attestant is a fact of the
 * order, not a role, so the service answers each caller with their own orders only (and 404 for
 * anyone else's), whatever rights they hold elsewhere.
 */
@Controller('attest')
@SignedIn()
export class AttestController {
  constructor(
    private readonly attest: AttestService,
    private readonly requests: AttestRequestsService,
  ) {}

  @Get('queue')
  async queue(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueueItem[]> {
    return pageBody(res, 'attest-queue', await this.attest.queue(actor, query));
  }

  @Get('counts')
  counts(@CurrentActor() actor: Actor, @Query() query: RawListQuery): Promise<QueueCounts> {
    return this.attest.counts(actor, query);
  }

  @Get('batches')
  async batches(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueueBatch[]> {
    return pageBody(res, 'attest-batches', await this.attest.batches(actor, query));
  }

  @Get('orders/:id')
  order(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AttestOrderView> {
    return this.attest.order(actor, id);
  }

  @Post('sign-requests')
  createSignRequest(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateAttestSignRequestDto,
  ): Promise<AttestSignRequestAnswer> {
    return this.requests.create(actor, dto);
  }

  @Get('sign-requests/:requestId')
  requestStatus(
    @CurrentActor() actor: Actor,
    @Param('requestId') requestId: string,
  ): Promise<AttestRequestStatus> {
    return this.attest.requestStatus(actor, requestId);
  }
}

/** "Verifiera signatur" on the order page: for whoever may see the order (the orders module decides). */
@Controller('orders')
export class OrderSignatureController {
  constructor(private readonly attest: AttestService) {}

  @Get(':id/signature')
  @SignedIn()
  signature(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SignatureCheck> {
    return this.attest.signature(actor, id);
  }
}
