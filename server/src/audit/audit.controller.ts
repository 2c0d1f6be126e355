import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage } from '../common/api-schema.js';
import { AdminOnly, AuditorReads } from '../common/auth/policy.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import { type RawListQuery, setContentRange } from '../common/list-query.js';
import { notFound } from '../common/problem.js';
import { AUDIT_EXPORT } from './audit.exports.js';
import { findAuditEvent, listAuditEvents } from './audit.queries.js';
import { AuditEventView } from './audit.service.js';
import { AuditAnchorService } from './audit-anchor.service.js';
import { AnchorCheck, AuditAnchor } from './audit-anchor.types.js';
import { AuditVerifyService } from './audit-verify.service.js';
import { type ChainCheck, ChainCheckBroken, ChainCheckIntact, VerifyRunView } from './audit-verify.types.js';

/**
 * The audit log for administrators: read and verify, never write. Auditors (Revisorer) read it
 * too (`@AuditorReads`: the list, an event, the CSV and the full verifications' results), but do
 * not start a check: a check records a checkpoint.
 */
@AdminOnly()
@Controller('audit-events')
@ApiTags('audit')
@ApiExtraModels(ChainCheckIntact, ChainCheckBroken)
export class AuditController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verification: AuditVerifyService,
    private readonly anchors: AuditAnchorService,
  ) {}

  @Get()
  @AuditorReads()
  @ApiPage(AuditEventView, 'audit-events')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditEventView[]> {
    const page = await listAuditEvents(this.dataSource, query);
    setContentRange(res, 'audit-events', page.offset, page.items.length, page.total, page.totalKind);
    return page.items;
  }

  /** The whole log (as filtered and sorted) as CSV; declared before ':id'. No filter depends on the day. */
  @Get('export')
  @AuditorReads()
  @ApiCsvExport('handelselogg')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.dataSource, req, res, query, AUDIT_EXPORT, { today: '' });
  }

  // Declared before ':id' so that "verify" is not taken for an event id.
  @Get('verify')
  @ApiOkResponse({
    description:
      'The chain since the last checkpoint recomputed (within a time limit, see covered): whole, or where it breaks.',
    schema: {
      oneOf: [{ $ref: getSchemaPath(ChainCheckIntact) }, { $ref: getSchemaPath(ChainCheckBroken) }],
    },
  })
  verify(): Promise<ChainCheck> {
    return this.verification.check();
  }

  @Post('verify-runs')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({
    type: VerifyRunView,
    description:
      'A full verification from the start of the chain, started in the background (409 while one runs).',
  })
  startRun(@CurrentActor() actor: Actor): Promise<VerifyRunView> {
    return this.verification.startRun(actor.person.id);
  }

  @Post('verify-anchor')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: AuditAnchor, description: 'An anchor as it was published (log line, mail, URL).' })
  @ApiOkResponse({
    type: AnchorCheck,
    description:
      'Whether the chain still contains the anchor’s event with its hash, at or before its head (422: not an anchor signed by this portal).',
  })
  verifyAnchor(@Body() body: unknown): Promise<AnchorCheck> {
    return this.anchors.verifyExternal(body);
  }

  @Get('verify-runs/latest')
  @AuditorReads()
  @ApiOkResponse({
    type: VerifyRunView,
    description: 'The latest full verification (404 when none has run).',
  })
  latestRun(): Promise<VerifyRunView> {
    return this.verification.latestRun();
  }

  @Get('verify-runs/:runId')
  @AuditorReads()
  @ApiOkResponse({ type: VerifyRunView })
  run(@Param('runId') runId: string): Promise<VerifyRunView> {
    return this.verification.run(runId);
  }

  @Get(':id')
  @AuditorReads()
  @ApiOkResponse({ type: AuditEventView })
  async one(@Param('id') id: string): Promise<AuditEventView> {
    const event = await findAuditEvent(this.dataSource, id);
    if (!event) throw notFound('Händelsen');
    return event;
  }
}
