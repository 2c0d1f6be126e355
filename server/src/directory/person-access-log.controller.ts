import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage } from '../common/api-schema.js';
import { Clock } from '../common/clock.js';
import { AdminOnly } from '../common/auth/policy.js';
import { ApiCsvExport, streamCsv } from '../common/csv-export.js';
import type { RawListQuery } from '../common/list-query.js';
import { pageBody, searchRows } from '../common/sql.js';
import {
  PERSON_ACCESS_LOG_EXPORT,
  PERSON_ACCESS_LOG_LIST,
  PersonAccessLogItem,
} from './person-access-log.js';

/**
 * The lookup log for administrators (the auditor role, once it exists, joins here): who looked up
 * or opened which person, when and why, per person (`filter={"personId":…}`) or per user
 * (`filter={"userId":…}`, the reader's person id). Read only: the table refuses changes.
 */
@AdminOnly()
@Controller('person-access-log')
@ApiTags('directory')
export class PersonAccessLogController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(PersonAccessLogItem, 'person-access-log')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PersonAccessLogItem[]> {
    // No filter depends on the day: the log's times are instants, its dates Stockholm days.
    const page = await searchRows<PersonAccessLogItem>(this.db, PERSON_ACCESS_LOG_LIST, query, { today: '' });
    return pageBody(res, 'person-access-log', page);
  }

  /** The log as filtered and sorted, as CSV. */
  @Get('export')
  @ApiCsvExport('uppslagslogg')
  exportCsv(@Query() query: RawListQuery, @Req() req: Request, @Res() res: Response): Promise<void> {
    // `today` names the file only: no filter of the log depends on the day.
    return streamCsv(this.db, req, res, query, PERSON_ACCESS_LOG_EXPORT, { today: this.clock.today() });
  }
}
