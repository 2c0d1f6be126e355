import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/request-auth.js';
import { forbidden } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { isCalendarDate } from '../common/field-rules.js';
import { parseListQuery, type RawListQuery } from '../common/list-query.js';
import { notFound, ProblemException } from '../common/problem.js';
import { checkOffset, listRows, type Page, SqlParams } from '../common/sql.js';
import { isUuid } from '../common/uuid.js';
import {
  assignmentOfUnitSql,
  careUnitExistsSql,
  fromPersons,
  personEverAtUnitsSql,
  personProtectedSql,
} from '../directory/directory.reads.js';
import {
  type GrantingOrderRow,
  HISTORY_ORDER,
  type HistoryRow,
  historySelect,
  type HoldingOnDateRow,
  holdingsOnDateSpec,
} from './reports.queries.js';
import type { GrantingOrder, HistoryItem, HoldingOnDate } from './reports.types.js';

const badReport = (detail: string) =>
  new ProblemException(HttpStatus.BAD_REQUEST, 'bad-report-query', detail);

/** An instant read from json text (or the driver's Date) as an ISO timestamp; null stays null. */
const instant = (value: string | Date | null): string | null =>
  value === null ? null : new Date(value).toISOString();

export const grantingOrder = (g: GrantingOrderRow | null): GrantingOrder | null =>
  g && {
    orderId: g.orderId,
    orderNumber: g.orderNumber,
    attestantId: g.attestantId,
    attestantName: g.attestantName,
    attestantUserId: g.attestantUserId,
    decidedAt: instant(g.decidedAt),
    completedAt: instant(g.completedAt),
  };

/** The report's filter after its checks: what holdingsOnDateSpec reads. */
export interface HoldingsQuery {
  careUnitId: string;
  assignmentId?: string;
  date: string;
}

/**
 * The reports of issue 17: "Innehav på datum" (who held assignments of a care unit on a date,
 * through which order, attested by whom) and a person's whole history. Administrators read every
 * unit and person; a head of unit reads the units they head and the persons engaged at or holding
 * (now or ever) an assignment of those units. Everyone else is refused by the route's policy.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Checks the report's filter and the reader's scope, in this order: a missing or malformed
   * unit or date is 400; a unit that does not exist, or an assignment not of its catalogue, 404;
   * a unit the reader does not head (administrators head all) 403. The date defaults to today.
   */
  async holdingsQuery(actor: Actor, raw: RawListQuery): Promise<HoldingsQuery> {
    const { filter } = parseListQuery({ filter: raw.filter }, { id: 'id' }, ['id', 'ASC']);
    const text = (key: string): string | undefined => {
      const value = filter[key];
      if (value === undefined || value === null || value === '') return undefined;
      if (typeof value !== 'string') throw badReport(`Filtret ${key} måste vara text.`);
      return value;
    };
    const unknown = Object.keys(filter).filter(
      (key) => !['careUnitId', 'assignmentId', 'date'].includes(key),
    );
    if (unknown.length > 0) throw badReport(`Det går inte att filtrera på ${unknown.join(', ')}.`);
    const careUnitId = text('careUnitId');
    if (careUnitId === undefined) throw badReport('Välj en vårdenhet (filtret careUnitId).');
    if (!isUuid(careUnitId)) throw notFound('Vårdenheten');
    const date = text('date') ?? this.clock.today();
    if (!isCalendarDate(date)) {
      throw badReport(`Datumet ${date} är inte ett datum som finns. Ange det som ÅÅÅÅ-MM-DD.`);
    }
    const assignmentId = text('assignmentId');
    if (assignmentId !== undefined && !isUuid(assignmentId)) throw notFound('Uppdraget');
    const p = new SqlParams();
    const unit = p.add(careUnitId);
    const [found] = await this.db.query<{ unit: boolean; assignment: boolean }[]>(
      `SELECT ${careUnitExistsSql(`${unit}::uuid`)} AS unit,
              ${assignmentId ? assignmentOfUnitSql(`${p.add(assignmentId)}::uuid`, `${unit}::uuid`) : 'true'} AS assignment`,
      p.values,
    );
    if (!found.unit) throw notFound('Vårdenheten');
    if (!found.assignment) throw notFound('Uppdraget i vårdenhetens katalog');
    if (!actor.rights.administrator && !actor.rights.headOf.includes(careUnitId)) {
      throw forbidden('Du kan bara se innehav vid vårdenheter där du är verksamhetschef.');
    }
    return { careUnitId, assignmentId, date };
  }

  /** The checked filter as the list's raw query, with the client's range and sort. */
  static rawOf(query: HoldingsQuery, raw: RawListQuery): RawListQuery {
    const filter: Record<string, string> = { careUnitId: query.careUnitId, date: query.date };
    if (query.assignmentId) filter.assignmentId = query.assignmentId;
    return { ...raw, filter: JSON.stringify(filter) };
  }

  async holdingsOnDate(actor: Actor, raw: RawListQuery): Promise<Page<HoldingOnDate>> {
    const query = await this.holdingsQuery(actor, raw);
    const page = await listRows<HoldingOnDateRow>(
      this.db,
      holdingsOnDateSpec(seesProtected(actor)),
      ReportsService.rawOf(query, raw),
      { today: this.clock.today() },
    );
    return {
      ...page,
      items: page.items.map(({ firstName: _f, lastName: _l, grantedBy, ...row }) => ({
        ...row,
        grantedBy: grantingOrder(grantedBy),
      })),
    };
  }

  /**
   * Whose history the reader may read: 404 for an id no person has (and, to anyone but
   * administrators, for a person with a protected identity: rule 29); 403 for a head of unit when
   * the person was never engaged at, nor ever held an assignment of, a unit they head.
   */
  async checkHistoryReader(actor: Actor, personId: string): Promise<void> {
    if (!isUuid(personId)) throw notFound('Personen');
    const units = actor.rights.administrator ? [] : actor.rights.headOf;
    const [row] = await this.db.query<{ protected: boolean; inScope: boolean }[]>(
      `SELECT ${personProtectedSql('p')} AS protected, ${personEverAtUnitsSql('p.id', '$2')} AS "inScope"
         FROM ${fromPersons('p')} WHERE p.id = $1`,
      [personId, units],
    );
    if (!row || (row.protected && !seesProtected(actor))) throw notFound('Personen');
    if (!actor.rights.administrator && !row.inScope) {
      throw forbidden(
        'Du kan bara se historiken för personer som har eller har haft engagemang eller uppdrag vid dina vårdenheter.',
      );
    }
  }

  /**
   * One page of the person's history in time order (the whole history of one person is at most
   * a few hundred rows: the page and its exact total are one statement).
   */
  async history(actor: Actor, personId: string, raw: RawListQuery): Promise<Page<HistoryItem>> {
    await this.checkHistoryReader(actor, personId);
    const query = parseListQuery({ range: raw.range, sort: raw.sort }, { day: 'ev.day' }, ['day', 'ASC']);
    checkOffset(query.offset);
    const p = new SqlParams();
    const { from, where, late } = historySelect(p, personId);
    const direction = query.sortOrder;
    const rows = await this.db.query<(HistoryRow & { total: number })[]>(
      `SELECT ev.*, ${late}, count(*) OVER ()::int AS total
         FROM ${from} WHERE ${where}
        ORDER BY ${HISTORY_ORDER.split(', ')
          .map((c) => `${c} ${direction}`)
          .join(', ')}
        LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    const total =
      rows[0]?.total ??
      (query.offset === 0
        ? 0
        : (
            await this.db.query<{ n: number }[]>(
              `SELECT count(*)::int AS n FROM ${from} WHERE ev."personId" = $1`,
              [personId],
            )
          )[0].n);
    return {
      items: rows.map((r) => historyItem(r)),
      offset: query.offset,
      total,
      totalKind: 'exact',
    };
  }
}

/** A history row as answered: the instants as ISO timestamps, a holding's order as GrantingOrder. */
export function historyItem(r: HistoryRow): HistoryItem {
  return {
    id: r.id,
    kind: r.kind,
    day: r.day,
    at: instant(r.at) as string,
    careUnitName: r.careUnitName,
    assignmentName: r.assignmentName,
    validFrom: r.validFrom,
    validTo: r.validTo,
    orderId: r.orderId,
    orderNumber: r.orderNumber,
    orderType: r.orderType,
    orderStatus: r.orderStatus,
    lineStatus: r.lineStatus,
    ordererName: r.ordererName,
    ordererUserId: r.ordererUserId,
    attestantName: r.attestantName,
    attestantUserId: r.attestantUserId,
    decidedAt: instant(r.decidedAt),
    completedAt: instant(r.completedAt),
    grantorName: r.grantorName,
    mayOrder: r.mayOrder,
    mayAttest: r.mayAttest,
    revokedAt: instant(r.revokedAt),
    grantedBy: grantingOrder(r.grantedBy),
  };
}

/**
 * Rule 29: protected identities are shown to administrators only. An auditor reads the reports
 * region-wide (their rights read as an administrator's there), but is no administrator.
 */
function seesProtected(actor: Actor): boolean {
  return actor.rights.administrator && (actor.person.isAdministrator || !actor.rights.auditor);
}
