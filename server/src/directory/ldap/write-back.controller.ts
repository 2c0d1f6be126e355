import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { ApiPage } from '../../common/api-schema.js';
import { AdminOnly } from '../../common/auth/policy.js';
import { type Actor, CurrentActor } from '../../common/auth/request-auth.js';
import { Clock } from '../../common/clock.js';
import type { RawListQuery } from '../../common/list-query.js';
import { notFound, ProblemException } from '../../common/problem.js';
import { pageBody } from '../../common/sql.js';
import { isUuid } from '../../common/uuid.js';
import { findLdapWrite, LdapWriteItem, listLdapWrites } from './write-back.queries.js';

/**
 * The writes back to KIV, for administrators ("KIV-skrivningar"): what waits, what was written,
 * and above all what kept failing (FAILED, with the LDAP error), which they can retry; the order
 * that waits for it is completed once it is written.
 */
@AdminOnly()
@Controller('ldap-writes')
@ApiTags('ldap-writes')
export class LdapWritesController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiPage(LdapWriteItem, 'ldap-writes')
  async list(
    @Query() query: RawListQuery,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LdapWriteItem[]> {
    return pageBody(res, 'ldap-writes', await listLdapWrites(this.db, query));
  }

  @Get(':id')
  @ApiOkResponse({ type: LdapWriteItem })
  async one(@Param('id') id: string): Promise<LdapWriteItem> {
    const write = isUuid(id) ? await findLdapWrite(this.db, id) : undefined;
    if (!write) throw notFound('Skrivningen till KIV');
    return write;
  }

  /**
   * A FAILED write is tried again: PENDING, due now, its attempts counted anew (the last error
   * stays until the next attempt). An audit event records who asked.
   */
  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: LdapWriteItem, description: 'The write, waiting to be tried again.' })
  async retry(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<LdapWriteItem> {
    if (!isUuid(id)) throw notFound('Skrivningen till KIV');
    await this.db.transaction(async (m) => {
      const [row] = await m.query<{ status: string; attempts: number; lastError: string | null }[]>(
        `SELECT status, attempts, last_error AS "lastError" FROM ldap_write WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!row) throw notFound('Skrivningen till KIV');
      if (row.status !== 'FAILED') {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'ldap-write-not-failed',
          row.status === 'DONE'
            ? 'Skrivningen är redan gjord i KIV.'
            : 'Skrivningen väntar redan på att göras; bara en misslyckad skrivning kan försökas igen.',
        );
      }
      const now = this.clock.now();
      await m.query(
        `UPDATE ldap_write SET status = 'PENDING', attempts = 0, next_attempt_at = $2, updated_at = $2
          WHERE id = $1`,
        [id, now],
      );
      await this.audit.append(m, {
        actorId: actor.person.id,
        action: 'LDAP_WRITE_RETRIED',
        entityType: 'ldap_write',
        entityId: id,
        before: { status: 'FAILED', attempts: row.attempts, lastError: row.lastError },
        after: { status: 'PENDING', attempts: 0 },
      });
    });
    return (await findLdapWrite(this.db, id)) as LdapWriteItem;
  }
}
