import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiPage, ApiProblem } from '../common/api-schema.js';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { AuditorReads, ClientScope, RightsHolder, SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor, CurrentReader } from '../common/auth/request-auth.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import { ChangeAttestantDto, PlaceOrderDto } from './dto/order.dto.js';
import {
  AttestantView,
  ORDER_TYPES,
  OrderableAnswer,
  OrderableTemplatesAnswer,
  OrderDetail,
  OrderListItem,
  PlacedOrder,
} from './order.types.js';
import { OrderableService } from './orderable.service.js';
import { ORDER_RULE_REFUSAL, OrderRuleProblem } from './orders.errors.js';
import { ApiRefusedOrWarned } from './order-warnings.js';
import { orderExport } from './orders.exports.js';
import { OrdersService } from './orders.service.js';
import { PlacementService } from './placement.service.js';

/**
 * Orders. Reading is for anyone signed in: everyone may see the orders where they are the end
 * user, and the service shows each reader only what concerns them. Placing needs rights
 * somewhere; which lines a person may order is the service's to check, line by line.
 */
@Controller('orders')
@ApiTags('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    private readonly placement: PlacementService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** API clients with orders:read read the whole region (`filter={"scope":"all"}`). */
  @Get()
  @SignedIn()
  @ClientScope('orders:read')
  @AuditorReads()
  @ApiPage(OrderListItem, 'orders')
  async list(
    @CurrentReader() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OrderListItem[]> {
    return pageBody(res, 'orders', await this.orders.list(actor, query));
  }

  /** The reader's whole list as CSV: the same scopes and visibility (declared before `:id`). */
  @Get('export')
  @SignedIn()
  @AuditorReads()
  @ApiCsvExport('bestallningar')
  exportCsv(
    @CurrentReader() actor: Actor,
    @Query() query: RawListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    return streamCsv(this.db, req, res, query, orderExport(actor), { today: this.clock.today() });
  }

  @Get(':id')
  @SignedIn()
  @ClientScope('orders:read')
  @AuditorReads()
  @ApiOkResponse({ type: OrderDetail })
  detail(@CurrentReader() actor: Actor, @Param('id') id: string): Promise<OrderDetail> {
    return this.orders.detail(actor, id);
  }

  @Post()
  @RightsHolder()
  @ApiCreatedResponse({
    type: PlacedOrder,
    isArray: true,
    description: 'One order per care unit, then one per verksamhet, in order-number order.',
  })
  @ApiRefusedOrWarned(OrderRuleProblem, ORDER_RULE_REFUSAL)
  place(@CurrentActor() actor: Actor, @Body() dto: PlaceOrderDto): Promise<PlacedOrder[]> {
    return this.placement.place(actor, dto);
  }

  /** Signed in only: whether the actor is the orderer is checked on the order itself. */
  @Post(':id/change-attestant')
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDetail })
  @ApiProblem(422, OrderRuleProblem, ORDER_RULE_REFUSAL)
  changeAttestant(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Body() dto: ChangeAttestantDto,
  ): Promise<OrderDetail> {
    return this.orders.changeAttestant(actor, id, dto);
  }

  @Post(':id/cancel')
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderDetail })
  @ApiProblem(422, OrderRuleProblem, ORDER_RULE_REFUSAL)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<OrderDetail> {
    return this.orders.cancel(actor, id);
  }
}

/** What the wizard needs beside the directory: what may be ordered, and who may attest it. */
@Controller()
@RightsHolder()
@ApiTags('orders')
export class OrderingController {
  constructor(private readonly orderable: OrderableService) {}

  @Get('orderable-assignments')
  @ApiQuery({
    name: 'type',
    required: false,
    enum: ORDER_TYPES,
    enumName: 'OrderType',
    description: 'Default GRANT.',
  })
  @ApiQuery({
    name: 'endUserId',
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description: 'Left out for a mass order: then `endUser` is null.',
  })
  @ApiOkResponse({ type: OrderableAnswer })
  orderableAssignments(
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
  ): Promise<OrderableAnswer> {
    return this.orderable.orderable(actor, query);
  }

  @Get('orderable-templates')
  @ApiQuery({
    name: 'type',
    required: false,
    enum: ORDER_TYPES,
    enumName: 'OrderType',
    description: 'Default GRANT. CHANGE and REVOKE list only the templates the end user holds.',
  })
  @ApiQuery({
    name: 'endUserId',
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description: 'Left out: `endUser` is null and nothing is marked.',
  })
  @ApiOkResponse({
    type: OrderableTemplatesAnswer,
    description: 'Områden → verksamheter the actor may order access for → their templates (issue 14).',
  })
  orderableTemplates(
    @CurrentActor() actor: Actor,
    @Query() query: Record<string, unknown>,
  ): Promise<OrderableTemplatesAnswer> {
    return this.orderable.orderableTemplates(actor, query);
  }

  @Get('attestants')
  @ApiQuery({
    name: 'careUnitId',
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description: 'The care unit (VMU orders); or give accessOperationId.',
  })
  @ApiQuery({
    name: 'accessOperationId',
    required: false,
    schema: { type: 'string', format: 'uuid' },
    description: 'The verksamhet (access orders): its head and ATTEST delegates.',
  })
  @ApiQuery({
    name: 'assignmentIds',
    required: false,
    schema: { type: 'string' },
    description: 'Comma-separated ids (or the parameter repeated): only those who may attest all of them.',
  })
  @ApiOkResponse({
    type: AttestantView,
    isArray: true,
    description: 'Who may attest orders on the unit (or of the verksamhet).',
  })
  attestants(@Query() query: Record<string, unknown>): Promise<AttestantView[]> {
    return this.orderable.attestants(query);
  }
}
