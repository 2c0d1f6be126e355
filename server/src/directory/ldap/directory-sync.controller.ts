import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { ApiPage, Prop } from '../../common/api-schema.js';
import { AdminOnly, SignedIn } from '../../common/auth/policy.js';
import { type Actor, CurrentActor } from '../../common/auth/request-auth.js';
import { Clock } from '../../common/clock.js';
import { OneOf } from '../../common/field-rules.js';
import type { RawListQuery } from '../../common/list-query.js';
import { ProblemException, notFound } from '../../common/problem.js';
import { enumFilter, findRow, type ListSpec, listRows, pageBody } from '../../common/sql.js';
import { isUuid } from '../../common/uuid.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DirectorySyncService } from './directory-sync.service.js';

export class SyncRunError {
  @Prop.text({ description: 'The entry (DN) that could not be used; empty for the run as a whole.' })
  dn!: string;
  @Prop.text({ description: 'Why, in Swedish.' }) message!: string;
}

export class SyncRunItem {
  @Prop.id() id!: string;
  @Prop.oneOf(['FULL', 'INCREMENTAL'], 'SyncKind') kind!: string;
  @Prop.oneOf(['SCHEDULER', 'MANUAL'], 'SyncTrigger') trigger!: string;
  @Prop.id({ nullable: true }) requestedBy!: string | null;
  @Prop.text({ nullable: true }) requestedByName!: string | null;
  @Prop.dateTime() startedAt!: Date;
  @Prop.dateTime({ nullable: true }) finishedAt!: Date | null;
  @Prop.oneOf(['RUNNING', 'DONE', 'FAILED'], 'SyncStatus') status!: string;
  @Prop.dateTime({ nullable: true, description: 'An incremental run read what changed from this moment.' })
  since!: Date | null;
  @Prop.int() readCount!: number;
  @Prop.int() createdCount!: number;
  @Prop.int() changedCount!: number;
  @Prop.int() inactivatedCount!: number;
  @Prop.int() errorCount!: number;
  @Prop.list(() => SyncRunError, { description: 'The first 1,000 entries that could not be used.' })
  errors!: SyncRunError[];
  @Prop.text({ nullable: true, description: 'Why the run failed as a whole (LDAP unreachable, …).' })
  error!: string | null;
}

export class DirectorySourceItem {
  @Prop.oneOf(['embedded', 'ldap'], 'DirectorySource') source!: string;
  @Prop.bool({ description: 'True in ldap mode: directory data is changed in KIV, not in BEH.' })
  readOnly!: boolean;
}

export class StartSyncDto {
  @OneOf('optional', ['FULL', 'INCREMENTAL'], 'SyncKind')
  kind?: 'FULL' | 'INCREMENTAL';
}

const SYNC_RUN_LIST: ListSpec = {
  resource: 'directory-sync-runs',
  select: `r.id, r.kind, r.trigger, r.requested_by AS "requestedBy",
           CASE WHEN p.id IS NULL THEN NULL ELSE p.first_name || ' ' || p.last_name END AS "requestedByName",
           r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.status, r.since,
           r.read_count AS "readCount", r.created_count AS "createdCount", r.changed_count AS "changedCount",
           r.inactivated_count AS "inactivatedCount", r.error_count AS "errorCount", r.errors, r.error`,
  from: 'directory_sync_run r LEFT JOIN person p ON p.id = r.requested_by',
  base: 'directory_sync_run r',
  joins: { p: 'LEFT JOIN person p ON p.id = r.requested_by' },
  idColumn: 'r.id',
  filters: {
    status: enumFilter('r.status', ['RUNNING', 'DONE', 'FAILED']),
    kind: enumFilter('r.kind', ['FULL', 'INCREMENTAL']),
  },
  sortable: { startedAt: 'r.started_at' },
  defaultSort: ['startedAt', 'DESC'],
  tieBreak: 'r.id',
  tieBreakFollowsSort: true,
};

/**
 * The directory's source, and the sync runs from KIV with "Synka nu" (issue 15): administrators
 * see every run with its counts and the entries it could not use, and may start a full run.
 */
@Controller()
@ApiTags('directory')
export class DirectorySyncController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly sync: DirectorySyncService,
  ) {}

  /** Where the directory comes from; the UI hides create, edit and delete when it is KIV. */
  @Get('directory-source')
  @SignedIn()
  @ApiOkResponse({ type: DirectorySourceItem })
  source(): DirectorySourceItem {
    const source = this.config.directory.source;
    return { source, readOnly: source === 'ldap' };
  }

  @Get('directory-sync-runs')
  @AdminOnly()
  @ApiPage(SyncRunItem, 'directory-sync-runs')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SyncRunItem[]> {
    return pageBody(
      res,
      'directory-sync-runs',
      await listRows<SyncRunItem>(this.db, SYNC_RUN_LIST, query, { today: this.clock.today() }),
    );
  }

  @Get('directory-sync-runs/:id')
  @AdminOnly()
  @ApiOkResponse({ type: SyncRunItem })
  async get(@Param('id') id: string): Promise<SyncRunItem> {
    const row = isUuid(id)
      ? await findRow<SyncRunItem>(this.db, SYNC_RUN_LIST, id, { today: this.clock.today() })
      : undefined;
    if (!row) throw notFound('Synkningen');
    return row;
  }

  /** "Synka nu": starts a run (full unless asked otherwise) and answers it at once, RUNNING. */
  @Post('directory-sync-runs')
  @AdminOnly()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: SyncRunItem, description: 'The run, started; poll it for its end.' })
  async start(@CurrentActor() actor: Actor, @Body() dto: StartSyncDto): Promise<SyncRunItem> {
    if (this.config.directory.source !== 'ldap') {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'directory-not-ldap',
        'Katalogen läses inte från KIV (DIRECTORY_SOURCE=embedded), så det finns inget att synka.',
      );
    }
    const started = await this.sync.start('MANUAL', dto.kind ?? 'FULL', actor.person.id);
    if (!started) {
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'sync-running',
        'En synkning av katalogen från KIV pågår redan. Vänta tills den är klar och försök igen.',
      );
    }
    return this.get(started.runId);
  }
}
