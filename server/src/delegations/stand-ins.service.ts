import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Prop } from '../common/api-schema.js';
import type { Actor } from '../common/auth/request-auth.js';
import type { Rights } from '../common/auth/rights.js';
import { Clock } from '../common/clock.js';
import type { RawListQuery } from '../common/list-query.js';
import { notFound, ProblemException } from '../common/problem.js';
import { findRow, idFilter, type ListSpec, listRows, type Page } from '../common/sql.js';
import {
  fromPersons,
  joinPerson,
  personEmailSql,
  personExistsSql,
  personIsActiveSql,
  personNameSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import { isUuid } from '../common/uuid.js';
import { MailService } from '../mail/mail.service.js';
import { invalidDelegation } from './delegations.errors.js';
import type { CreateStandInDto } from './stand-ins.dto.js';

/*
 * Ersättare (issue 17, point 4; domain.md rule 41): an attestant names a person who, for a
 * period, sees and may decide the orders awaiting the attestant's attest. Naming and ending are
 * the attestant's own (an administrator may end any and sees all); the stand-in sees the rows
 * naming them. Each write is one audit event and one mail to the stand-in, in its transaction.
 * What a stand-in may do with it is the attest module's (stand-ins.reads.ts).
 */

export const STAND_IN_STATUSES = ['UPCOMING', 'ACTIVE', 'ENDED', 'REVOKED'] as const;
export type StandInStatus = (typeof STAND_IN_STATUSES)[number];

export class StandInItem {
  @Prop.id() id!: string;
  @Prop.id({ description: 'The attestant who named the stand-in.' }) attestantId!: string;
  @Prop.text() attestantName!: string;
  @Prop.text() attestantUserId!: string;
  @Prop.id({ description: 'The person who stands in.' }) standInId!: string;
  @Prop.text() standInName!: string;
  @Prop.text() standInUserId!: string;
  @Prop.date() validFrom!: string;
  @Prop.date({ description: 'The last day.' }) validTo!: string;
  @Prop.dateTime() createdAt!: Date;
  @Prop.dateTime({ nullable: true }) revokedAt!: Date | null;
  @Prop.oneOf(STAND_IN_STATUSES, 'StandInStatus', { description: "On Stockholm's today." })
  status!: StandInStatus;
  @Prop.bool({ description: 'The caller named this stand-in (and may end it).' }) mine!: boolean;
}

/** Has ATTEST rights somewhere (a unit or a verksamhet): may name stand-ins. */
export const isAttestant = (rights: Rights): boolean =>
  rights.units.some((u) => u.attest !== null) || rights.operations.some((o) => o.attest);

/** At most this many days from the first to the last day (one year, a leap year's too). */
export const STAND_IN_MAX_DAYS = 366;

const problem = (status: HttpStatus, type: string, detail: string) =>
  new ProblemException(status, type, detail);

const standInNotFound = () => notFound('Ersättaren');

function standInList(actor: Actor | undefined): ListSpec {
  return {
    resource: 'stand-ins',
    select: `s.id, s.attestant_id AS "attestantId", ${personNameSql('ap')} AS "attestantName",
      ${personUserIdSql('ap')} AS "attestantUserId", s.stand_in_id AS "standInId",
      ${personNameSql('sp')} AS "standInName", ${personUserIdSql('sp')} AS "standInUserId",
      to_char(s.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(s.valid_to, 'YYYY-MM-DD') AS "validTo",
      s.created_at AS "createdAt", s.revoked_at AS "revokedAt"`,
    from: `stand_in s ${joinPerson('ap', 's.attestant_id')} ${joinPerson('sp', 's.stand_in_id')}`,
    idColumn: 's.id',
    visible: (p) =>
      actor === undefined || actor.rights.administrator
        ? undefined
        : `(s.attestant_id = ${p.add(actor.person.id)} OR s.stand_in_id = ${p.add(actor.person.id)})`,
    late: (p, ctx) => `CASE WHEN page."revokedAt" IS NOT NULL THEN 'REVOKED'
        WHEN page."validTo" < ${p.add(ctx.today)} THEN 'ENDED'
        WHEN page."validFrom" > ${p.add(ctx.today)} THEN 'UPCOMING' ELSE 'ACTIVE' END AS status,
      page."attestantId" = ${p.add(actor?.person.id ?? null)}::uuid IS TRUE AS mine`,
    filters: {
      id: idFilter('s.id'),
      attestantId: idFilter('s.attestant_id'),
      standInId: idFilter('s.stand_in_id'),
    },
    sortable: {
      validFrom: 's.valid_from',
      validTo: 's.valid_to',
      createdAt: 's.created_at',
    },
    defaultSort: ['validFrom', 'DESC'],
    tieBreak: 's.id',
  };
}

@Injectable()
export class StandInsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  /** Those the caller named and those naming the caller; every one for an administrator. */
  list(actor: Actor, raw: RawListQuery): Promise<Page<StandInItem>> {
    return listRows<StandInItem>(this.db, standInList(actor), raw, { today: this.clock.today() });
  }

  private async find(db: DataSource | EntityManager, actor: Actor, id: string): Promise<StandInItem> {
    const item = await findRow<StandInItem>(db, standInList(actor), id.toLowerCase(), {
      today: this.clock.today(),
    });
    // Another's stand-in is not there for the caller (rule 25, Existence does not leak).
    const sees =
      item &&
      (actor.rights.administrator ||
        item.attestantId === actor.person.id ||
        item.standInId === actor.person.id);
    if (!item || !sees) throw standInNotFound();
    return item;
  }

  async create(actor: Actor, dto: CreateStandInDto): Promise<StandInItem> {
    if (!isAttestant(actor.rights)) {
      throw problem(
        HttpStatus.FORBIDDEN,
        'forbidden',
        'Bara den som har rätt att attestera kan utse en ersättare.',
      );
    }
    const standInId = dto.standInId.toLowerCase();
    const today = this.clock.today();
    const errors: Record<string, string[]> = {};
    const add = (field: string, message: string) => (errors[field] ??= []).push(message);
    if (standInId === actor.person.id) add('standInId', 'Du kan inte vara din egen ersättare.');
    else if (!(await this.holds(personExistsSql('$1'), [standInId])))
      add('standInId', 'Personen finns inte.');
    else if (!(await this.holds(personIsActiveSql('$1'), [standInId])))
      add(
        'standInId',
        'Personen är inaktiv i katalogen (finns inte längre i KIV) och kan inte vara ersättare.',
      );
    if (dto.validFrom < today) add('validFrom', 'Startdatumet får inte vara tidigare än i dag.');
    if (dto.validTo < dto.validFrom) add('validTo', 'Slutdatumet får inte vara före startdatumet.');
    else if (daysBetween(dto.validFrom, dto.validTo) > STAND_IN_MAX_DAYS)
      add('validTo', 'En ersättare kan utses för högst ett år i taget.');
    if (Object.keys(errors).length > 0) throw invalidDelegation(errors);

    return this.db.transaction(async (m) => {
      // One naming of a pair at a time: two requests at once cannot both find no overlap.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('stand_in:' || $1 || ':' || $2))`, [
        actor.person.id,
        standInId,
      ]);
      const overlapping = await m.query<unknown[]>(
        `SELECT 1 FROM stand_in WHERE attestant_id = $1 AND stand_in_id = $2 AND revoked_at IS NULL
            AND valid_from <= $4::date AND valid_to >= $3::date`,
        [actor.person.id, standInId, dto.validFrom, dto.validTo],
      );
      if (overlapping.length > 0) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'stand-in-overlap',
          'Personen är redan din ersättare under en del av perioden.',
          { errors: { standInId: ['Personen är redan din ersättare under en del av perioden.'] } },
        );
      }
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO stand_in (attestant_id, stand_in_id, valid_from, valid_to, created_by, created_at)
         VALUES ($1, $2, $3, $4, $1, $5) RETURNING id`,
        [actor.person.id, standInId, dto.validFrom, dto.validTo, this.clock.now()],
      );
      const item = await this.find(m, actor, id);
      await this.audit.append(m, {
        actorId: actor.person.id,
        action: 'STAND_IN_NAMED',
        entityType: 'stand_in',
        entityId: id,
        after: snapshot(item),
      });
      await this.tell(m, 'STAND_IN_NAMED', item);
      return item;
    });
  }

  /** Ends a stand-in (revoked_at): the attestant who named it, or an administrator. */
  async revoke(actor: Actor, id: string): Promise<StandInItem> {
    return this.db.transaction(async (m) => {
      const locked = await m.query<unknown[]>(`SELECT 1 FROM stand_in WHERE id = $1 FOR UPDATE`, [
        isUuid(id) ? id.toLowerCase() : '00000000-0000-0000-0000-000000000000',
      ]);
      if (locked.length === 0) throw standInNotFound();
      const before = await this.find(m, actor, id);
      if (before.attestantId !== actor.person.id && !actor.rights.administrator) {
        throw problem(
          HttpStatus.FORBIDDEN,
          'forbidden',
          'Bara attestanten som utsåg ersättaren, eller en administratör, kan avsluta det.',
        );
      }
      if (before.status === 'REVOKED' || before.status === 'ENDED') {
        throw problem(HttpStatus.CONFLICT, 'stand-in-closed', 'Ersättaren har redan upphört.');
      }
      await m.query(`UPDATE stand_in SET revoked_at = $2, revoked_by = $3 WHERE id = $1`, [
        before.id,
        this.clock.now(),
        actor.person.id,
      ]);
      const after = await this.find(m, actor, before.id);
      await this.audit.append(m, {
        actorId: actor.person.id,
        action: 'STAND_IN_REVOKED',
        entityType: 'stand_in',
        entityId: before.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      const [by] = await m.query<{ name: string }[]>(
        `SELECT ${personNameSql('p')} || ' (' || ${personUserIdSql('p')} || ')' AS name
           FROM ${fromPersons('p')} WHERE p.id = $1`,
        [actor.person.id],
      );
      await this.tell(m, 'STAND_IN_ENDED', after, by?.name);
      return after;
    });
  }

  private async tell(
    m: EntityManager,
    template: 'STAND_IN_NAMED' | 'STAND_IN_ENDED',
    item: StandInItem,
    byName?: string,
  ): Promise<void> {
    const [to] = await m.query<{ email: string | null }[]>(
      `SELECT ${personEmailSql('p')} AS email FROM ${fromPersons('p')} WHERE p.id = $1`,
      [item.standInId],
    );
    await this.mail.enqueue(m, {
      to: to?.email,
      template,
      data: {
        standInRowId: item.id,
        recipientName: item.standInName,
        attestantName: `${item.attestantName} (${item.attestantUserId})`,
        validFrom: item.validFrom,
        validTo: item.validTo,
        ...(byName ? { byName } : {}),
      },
    });
  }

  private async holds(sql: string, params: unknown[]): Promise<boolean> {
    const [row] = await this.db.query<{ ok: boolean }[]>(`SELECT ${sql} AS ok`, params);
    return row.ok;
  }
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function snapshot(item: StandInItem): Record<string, unknown> {
  return {
    attestantId: item.attestantId,
    standInId: item.standInId,
    validFrom: item.validFrom,
    validTo: item.validTo,
    revokedAt: item.revokedAt ? new Date(item.revokedAt).toISOString() : null,
  };
}
