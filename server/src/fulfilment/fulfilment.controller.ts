import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiPage } from '../common/api-schema.js';
import { SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import {
  DonePartDto,
  FeedbackReading,
  FulfilmentCount,
  FulfilmentItem,
  OrderPartView,
  RefusePartDto,
  SettledPartView,
} from './fulfilment.dto.js';
import { FulfilmentQueueService } from './fulfilment-queue.service.js';

/*
 * Carrying out access orders by hand (issue 14). Signed in, then decided per row: the queue and
 * its work items are for the systems' administrators (administrators read them); settling a part
 * is for its system's administrators alone; an order's parts for whoever may view the order; the
 * Återkopplingsinfo for the order's orderer alone (404 for everyone else).
 */
@Controller('fulfilment')
@SignedIn()
@ApiTags('fulfilment')
export class FulfilmentController {
  constructor(private readonly queue: FulfilmentQueueService) {}

  /** The queue "Att utföra" (filters systemId, status, urgent, q, orderId). */
  @Get()
  @ApiPage(FulfilmentItem, 'fulfilment')
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<FulfilmentItem[]> {
    return pageBody(res, 'fulfilment', await this.queue.list(actor, query));
  }

  /** Waiting parts per system (the actor's systems; administrators: every system with any). */
  @Get('counts')
  @ApiOkResponse({ type: FulfilmentCount, isArray: true })
  counts(@CurrentActor() actor: Actor): Promise<FulfilmentCount[]> {
    return this.queue.counts(actor);
  }

  /** An order's parts with their state (declared before `:id`). */
  @Get('orders/:orderId/parts')
  @ApiOkResponse({ type: OrderPartView, isArray: true })
  parts(@CurrentActor() actor: Actor, @Param('orderId') orderId: string): Promise<OrderPartView[]> {
    return this.queue.partsOfOrder(actor, orderId);
  }

  /** The orderer reads a part's Återkopplingsinfo (counts as a reading: at most two). */
  @Post('parts/:id/feedback')
  @HttpCode(200)
  @ApiOkResponse({ type: FeedbackReading })
  feedback(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FeedbackReading> {
    return this.queue.readFeedback(actor, id);
  }

  @Get(':id')
  @ApiOkResponse({ type: FulfilmentItem })
  get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<FulfilmentItem> {
    return this.queue.get(actor, id);
  }

  @Post(':id/done')
  @HttpCode(200)
  @ApiOkResponse({ type: SettledPartView })
  done(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: DonePartDto,
  ): Promise<SettledPartView> {
    return this.queue.settle(actor, id, 'DONE', { feedback: dto.feedback ?? null });
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOkResponse({ type: SettledPartView })
  refuse(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: RefusePartDto,
  ): Promise<SettledPartView> {
    return this.queue.settle(actor, id, 'REFUSED', { reason: dto.reason });
  }
}
