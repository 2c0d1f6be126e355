import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage } from '../../common/api-schema.js';
import { AdminOnly } from '../../common/auth/policy.js';
import type { RawListQuery } from '../../common/list-query.js';
import { notFound } from '../../common/problem.js';
import { pageBody } from '../../common/sql.js';
import { isUuid } from '../../common/uuid.js';
import { DirectoryDriftItem, findDirectoryDrift, listDirectoryDrift } from './drift.queries.js';

/**
 * Drift between KIV and BEH's holdings, for administrators ("Avvikelser mot KIV"), read only: a
 * difference is dealt with by an order (or in KIV), never by accepting it here.
 */
@AdminOnly()
@Controller('directory-drift')
@ApiTags('directory-drift')
export class DirectoryDriftController {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiPage(DirectoryDriftItem, 'directory-drift')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<DirectoryDriftItem[]> {
    return pageBody(res, 'directory-drift', await listDirectoryDrift(this.db, query));
  }

  @Get(':id')
  @ApiOkResponse({ type: DirectoryDriftItem })
  async one(@Param('id') id: string): Promise<DirectoryDriftItem> {
    const drift = isUuid(id) ? await findDirectoryDrift(this.db, id) : undefined;
    if (!drift) throw notFound('Avvikelsen');
    return drift;
  }
}
