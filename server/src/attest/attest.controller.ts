import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../common/api-schema.js';
import type { Request, Response } from 'express';
import { SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { setContentRange } from '../common/list-query.js';
import { languageOf } from '../common/messages/localize.js';
import type { QueueAnswer } from './attest-queue-answers.js';
import { AttestRequestsService } from './attest-requests.service.js';
import { AttestService } from './attest.service.js';
import {
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
@ApiTags('attest')
export class AttestController {
  constructor(
    private readonly attest: AttestService,
    private readonly requests: AttestRequestsService,
  ) {}

  /*
   * The queue's three reads answer with JSON text the service keeps between requests while the
   * queue is unchanged (AttestQueueAnswers); the body is what res.json would have sent.
   */

  @Get('queue')
  @ApiPage(QueueItem, 'attest-queue')
  async queue(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueueItem[]> {
    return send(res, 'attest-queue', await this.attest.answer(actor, 'queue', query, req.url, language(req)));
  }

  @Get('counts')
  @ApiQuery({
    name: 'filter',
    required: false,
    schema: { type: 'string' },
    description: "The queue's filter as JSON: the tabs count what it leaves.",
  })
  @ApiOkResponse({ type: QueueCounts })
  async counts(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueueCounts> {
    return send(res, undefined, await this.attest.answer(actor, 'counts', query, req.url, language(req)));
  }

  @Get('batches')
  @ApiPage(QueueBatch, 'attest-batches')
  async batches(
    @CurrentActor() actor: Actor,
    @Query() query: RawListQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueueBatch[]> {
    return send(
      res,
      'attest-batches',
      await this.attest.answer(actor, 'batches', query, req.url, language(req)),
    );
  }

  @Get('orders/:id')
  @ApiOkResponse({ type: AttestOrderView })
  order(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AttestOrderView> {
    return this.attest.order(actor, id);
  }

  @Post('sign-requests')
  @ApiCreatedResponse({ type: AttestSignRequestAnswer, description: 'Open `signingUrl` to sign.' })
  createSignRequest(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateAttestSignRequestDto,
  ): Promise<AttestSignRequestAnswer> {
    return this.requests.create(actor, dto);
  }

  @Get('sign-requests/:requestId')
  @ApiOkResponse({ type: AttestRequestStatus })
  requestStatus(
    @CurrentActor() actor: Actor,
    @Param('requestId') requestId: string,
  ): Promise<AttestRequestStatus> {
    return this.attest.requestStatus(actor, requestId);
  }
}

const language = (req: Request) => languageOf(req.headers['accept-language']);

/**
 * A kept answer as the reply: its Content-Range (a page) and its JSON text, typed as the route's
 * body for the API's description; Nest sends a string as it is.
 */
function send<T>(res: Response, resource: string | undefined, answer: QueueAnswer): T {
  if (resource && answer.range) {
    const { offset, count, total, totalKind } = answer.range;
    setContentRange(res, resource, offset, count, total, totalKind);
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  return answer.json as unknown as T;
}

/** "Verifiera signatur" on the order page: for whoever may see the order (the orders module decides). */
@Controller('orders')
@ApiTags('attest')
export class OrderSignatureController {
  constructor(private readonly attest: AttestService) {}

  @Get(':id/signature')
  @SignedIn()
  @ApiOkResponse({ type: SignatureCheck, description: 'The stored signature verified again.' })
  signature(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<SignatureCheck> {
    return this.attest.signature(actor, id);
  }
}
