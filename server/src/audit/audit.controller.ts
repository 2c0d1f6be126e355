import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AdminOnly } from '../common/auth/policy.js';
import { type RawListQuery, setContentRange } from '../common/list-query.js';
import { notFound } from '../common/problem.js';
import { findAuditEvent, listAuditEvents } from './audit.queries.js';
import { type AuditEventView, AuditService, type ChainVerification } from './audit.service.js';

/** The audit log for administrators: read and verify, never write. */
@AdminOnly()
@Controller('audit-events')
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEventView[]> {
    const page = await listAuditEvents(this.dataSource, query);
    setContentRange(res, 'audit-events', page.offset, page.items.length, page.total);
    return page.items;
  }

  // Declared before ':id' so that "verify" is not taken for an event id.
  @Get('verify')
  verify(): Promise<ChainVerification> {
    return this.audit.verify();
  }

  @Get(':id')
  async one(@Param('id') id: string): Promise<AuditEventView> {
    const event = await findAuditEvent(this.dataSource, id);
    if (!event) throw notFound('Händelsen');
    return event;
  }
}
