import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage } from '../common/api-schema.js';
import { AuditorReads, Delegator } from '../common/auth/policy.js';
import { type Actor, CurrentReader } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import { historyExport, holdingsOnDateExport } from './reports.exports.js';
import { ReportsService } from './reports.service.js';
import { HistoryItem, HoldingOnDate } from './reports.types.js';

const HOLDINGS_FILTER =
  'JSON {"careUnitId": uuid (required), "assignmentId": uuid of its catalogue (optional), ' +
  '"date": "YYYY-MM-DD" (optional, default today)}.';

/**
 * Reports (issue 17): "Innehav på datum" and a person's history, each as a list and as CSV.
 * Administrators and heads of unit (the `delegator` policy); a head reads only their own units
 * and the persons engaged at or holding at them (ReportsService). Every export route ends in
 * `/export`, so the CSV rate limit counts it (limits/limited-routes.ts).
 */
@Controller('reports')
@Delegator()
@ApiTags('reports')
@ApiForbiddenResponse({
  description: 'Not an administrator, or not head of the unit (or of a unit of the person).',
})
@ApiNotFoundResponse({ description: 'No such care unit, assignment of its catalogue, or person.' })
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get('holdings-on-date')
  @AuditorReads()
  @ApiPage(HoldingOnDate, 'holdings-on-date')
  async holdingsOnDate(
    @CurrentReader() actor: Actor,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HoldingOnDate[]> {
    return pageBody(res, 'holdings-on-date', await this.reports.holdingsOnDate(actor, query));
  }

  @Get('holdings-on-date/export')
  @AuditorReads()
  @ApiCsvExport('innehav-pa-datum')
  @ApiQuery({ name: 'filter', required: true, schema: { type: 'string' }, description: HOLDINGS_FILTER })
  async exportHoldingsOnDate(
    @CurrentReader() actor: Actor,
    @Query() query: RawListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const checked = await this.reports.holdingsQuery(actor, query);
    return streamCsv(
      this.db,
      req,
      res,
      ReportsService.rawOf(checked, query),
      holdingsOnDateExport(actor.rights.administrator),
      { today: this.clock.today() },
    );
  }

  @Get('person-history/:personId')
  @AuditorReads()
  @ApiPage(HistoryItem, 'person-history')
  async history(
    @CurrentReader() actor: Actor,
    @Param('personId') personId: string,
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HistoryItem[]> {
    return pageBody(res, 'person-history', await this.reports.history(actor, personId, query));
  }

  @Get('person-history/:personId/export')
  @AuditorReads()
  @ApiCsvExport('historik')
  async exportHistory(
    @CurrentReader() actor: Actor,
    @Param('personId') personId: string,
    @Query() query: RawListQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.reports.checkHistoryReader(actor, personId);
    return streamCsv(this.db, req, res, { sort: query.sort }, historyExport(personId), {
      today: this.clock.today(),
    });
  }
}
