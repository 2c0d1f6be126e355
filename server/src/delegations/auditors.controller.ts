import { Body, Controller, Delete, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage, ApiProblem, ProblemDetails } from '../common/api-schema.js';
import { AdminOnly } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody } from '../common/sql.js';
import { CreateAuditorDto } from './auditors.dto.js';
import { AUDITOR_EXPORT } from './auditors.exports.js';
import { AuditorItem, AuditorsService } from './auditors.service.js';

/**
 * Revisorer: the read-only auditors (issue 17, point 4); administrators only. An auditor reads the
 * routes marked `@AuditorReads` region-wide and changes nothing.
 */
@Controller('auditors')
@AdminOnly()
@ApiTags('delegations')
export class AuditorsController {
  constructor(
    private readonly service: AuditorsService,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Filters personId, q. */
  @Get()
  @ApiPage(AuditorItem, 'auditors')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuditorItem[]> {
    return pageBody(res, 'auditors', await this.service.list(query));
  }

  /** The whole list as CSV (declared before `:id`). */
  @Get('export')
  @ApiCsvExport('revisorer')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    return streamCsv(this.db, req, res, query, AUDITOR_EXPORT, { today: this.clock.today() });
  }

  /** One auditor, by their person id. */
  @Get(':id')
  @ApiOkResponse({ type: AuditorItem })
  get(@Param('id') id: string): Promise<AuditorItem> {
    return this.service.get(id);
  }

  /** 422 for a person not in the directory, 409 for one who already is an auditor. */
  @Post()
  @ApiCreatedResponse({ type: AuditorItem })
  @ApiProblem(422, ProblemDetails, 'No person has this id (errors.personId).')
  @ApiProblem(409, ProblemDetails, 'The person already is an auditor (errors.personId).')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAuditorDto): Promise<AuditorItem> {
    return this.service.create(actor.person.id, dto);
  }

  @Delete(':id')
  @ApiOkResponse({ type: AuditorItem, description: 'The row as it was.' })
  remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<AuditorItem> {
    return this.service.remove(actor.person.id, id);
  }
}
