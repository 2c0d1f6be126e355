import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage } from '../common/api-schema.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { AdminOnly } from '../common/auth/policy.js';
import { type RawListQuery, setContentRange } from '../common/list-query.js';
import { notFound } from '../common/problem.js';
import { OUTBOX_EXPORT } from './outbox.exports.js';
import { findOutboxMail, listOutbox, OutboxListItem, OutboxMail } from './outbox.queries.js';

/** The outbox for administrators: what was sent, what waits and why (read only). */
@AdminOnly()
@Controller('outbox')
@ApiTags('outbox')
export class OutboxController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiPage(OutboxListItem, 'outbox')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<OutboxListItem[]> {
    const page = await listOutbox(this.dataSource, query);
    setContentRange(res, 'outbox', page.offset, page.items.length, page.total, page.totalKind);
    return page.items;
  }

  /** Every mail (as filtered and sorted) as CSV; declared before ':id'. No filter depends on the day. */
  @Get('export')
  @ApiCsvExport('utgaende-e-post')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.dataSource, req, res, query, OUTBOX_EXPORT, { today: '' });
  }

  @Get(':id')
  @ApiOkResponse({ type: OutboxMail })
  async one(@Param('id') id: string): Promise<OutboxMail> {
    const mail = await findOutboxMail(this.dataSource, id);
    if (!mail) throw notFound('Meddelandet');
    return mail;
  }
}
