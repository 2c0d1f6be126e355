import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage } from '../common/api-schema.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { AdminOnly } from '../common/auth/policy.js';
import { type RawListQuery, setContentRange } from '../common/list-query.js';
import { notFound } from '../common/problem.js';
import { AUDIT_EXPORT } from './audit.exports.js';
import { findAuditEvent, listAuditEvents } from './audit.queries.js';
import {
  AuditEventView,
  AuditService,
  ChainBroken,
  ChainIntact,
  type ChainVerification,
} from './audit.service.js';

/** The audit log for administrators: read and verify, never write. */
@AdminOnly()
@Controller('audit-events')
@ApiTags('audit')
@ApiExtraModels(ChainIntact, ChainBroken)
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiPage(AuditEventView, 'audit-events')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEventView[]> {
    const page = await listAuditEvents(this.dataSource, query);
    setContentRange(res, 'audit-events', page.offset, page.items.length, page.total);
    return page.items;
  }

  /** The whole log (as filtered and sorted) as CSV; declared before ':id'. No filter depends on the day. */
  @Get('export')
  @ApiCsvExport('handelselogg')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.dataSource, req, res, query, AUDIT_EXPORT, { today: '' });
  }

  // Declared before ':id' so that "verify" is not taken for an event id.
  @Get('verify')
  @ApiOkResponse({
    description: 'The chain recomputed from its start: whole, or where it breaks.',
    schema: { oneOf: [{ $ref: getSchemaPath(ChainIntact) }, { $ref: getSchemaPath(ChainBroken) }] },
  })
  verify(): Promise<ChainVerification> {
    return this.audit.verify();
  }

  @Get(':id')
  @ApiOkResponse({ type: AuditEventView })
  async one(@Param('id') id: string): Promise<AuditEventView> {
    const event = await findAuditEvent(this.dataSource, id);
    if (!event) throw notFound('Händelsen');
    return event;
  }
}
