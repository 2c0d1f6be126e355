import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { filterBoolean, filterDate, filterString } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import {
  enumFilter,
  type FilterContext,
  type FilterSql,
  idFilter,
  joinedFrom,
  type ListSpec,
  SqlParams,
} from '../common/sql.js';
import {
  administrationNameSql,
  assignmentCatalogueOrderSql,
  assignmentNameSql,
  careUnitNameSql,
  fromPersons,
  joinAdministrationOf,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personNameSql,
  personSortSql,
  personUserIdSql,
  personWordsSql,
} from '../directory/directory.reads.js';
import {
  areaNameSql,
  joinProfession,
  joinTemplate,
  leftJoinAreaOfOperation,
  leftJoinOperation,
  operationNameSql,
  professionNameSql,
  templateNameSql,
  templateSortSql,
} from '../access-catalogue/attest.reads.js';
import { leftJoin } from './attest-orders.queries.js';
import { awaitingAttestSql } from './order-status.js';
import { ORDER_KINDS, ORDER_TYPES } from './order.types.js';
import { dayBound, orderNumberFilter, orderSearchFilter, personFilter } from './orders.queries.js';
import { ordererNameSql } from './leavers.names.js';

/**
 * "Attestera beställningar", the attestant's queue, as the orders module publishes it for the
 * attest module: the list of orders awaiting one attestant's attest, its counts per tab and its
 * mass orders (batches). The attest module lists them with common/sql's listRows.
 */

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

const SELECT = `o.id, o.order_number AS "orderNumber", o.created_at AS "createdAt", o.type, o.status, o.urgent,
  o.start_date AS "startDate", o.end_date AS "endDate",
  o.end_user_id AS "endUserId", ${personNameSql('eu')} AS "endUserName", ${personUserIdSql('eu')} AS "endUserUserId",
  o.orderer_id AS "ordererId", ${ordererNameSql('o', personNameSql('op'))} AS "ordererName", ${personUserIdSql('op')} AS "ordererUserId",
  o.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
  ${administrationNameSql('adm')} AS "administrationName", o.batch_id AS "batchId",
  o.orderer_id = o.attestant_id AND NOT o.placed_by_system AS "orderedByAttestant", o.kind,
  o.access_operation_id AS "accessOperationId", ${operationNameSql('aop')} AS "accessOperationName",
  ${areaNameSql('aar')} AS "areaName", o.attestant_id AS "attestantId"`;

const BASE = 'vmu_order o';

/**
 * The display joins, by alias: a page's ids are chosen on the orders alone (common/sql listRows).
 * A VMU order has a care unit and its förvaltning, an access order a verksamhet and its område:
 * left joins, so that a sort by one of them keeps the orders of the other kind.
 */
const JOINS = {
  op: joinPerson('op', 'o.orderer_id'),
  eu: joinPerson('eu', 'o.end_user_id'),
  cu: leftJoin(joinCareUnit('cu', 'o.care_unit_id')),
  adm: leftJoin(joinAdministrationOf('adm', 'cu')),
  aop: leftJoinOperation('aop', 'o.access_operation_id'),
  aar: leftJoinAreaOfOperation('aar', 'aop'),
};

/**
 * Whose orders a queue holds: the caller first, then the attestants they stand in for today
 * (domain.md rule 41; orders' attestQueueScope reads them). A plain id is the caller alone.
 */
export type QueueAttestants = string | readonly string[];

const idsOf = (attestants: QueueAttestants): readonly string[] =>
  typeof attestants === 'string' ? [attestants] : attestants;

/**
 * The queue is always "awaiting my attest" (or the attest of those I stand in for): the
 * condition comes from the session, never from the query string (naming a key the queue does
 * not have is refused), and is served by vmu_order_attestant_status_idx. Alone — as almost
 * everyone is — the condition is the one equality it always was, so the index keeps giving the
 * newest first; a stand-in's few attestants are `= ANY`, an index scan per attestant.
 */
const mine =
  (attestants: QueueAttestants) =>
  (p: SqlParams): string => {
    const ids = idsOf(attestants);
    const who =
      ids.length === 1 ? `o.attestant_id = ${p.add(ids[0])}` : `o.attestant_id = ANY(${p.add(ids)}::uuid[])`;
    return `${who} AND ${awaitingAttestSql('o')}`;
  };

const flag =
  (sql: (p: SqlParams, ctx: FilterContext) => string): FilterSql =>
  (filter, key, p, ctx) => {
    const value = filterBoolean(filter, key);
    if (value === undefined) return undefined;
    return value ? sql(p, ctx) : `NOT (${sql(p, ctx)})`;
  };

const startBound =
  (side: 'from' | 'to'): FilterSql =>
  (filter, key, p) => {
    const value = filterDate(filter, key);
    if (value === undefined) return undefined;
    return `o.start_date ${side === 'from' ? '>=' : '<='} ${p.add(value)}::date`;
  };

/** Carried out at once when approved: the start date has come. */
const dueSql = (p: SqlParams, ctx: FilterContext) => `o.start_date <= ${p.add(ctx.today)}::date`;

/** The filters of the queue that every tab shares; `urgent` and `due` are the tabs' own. */
export const TAB_FILTERS = ['urgent', 'due'] as const;

/** The orders awaiting the attest of `attestants` (the caller, and whom they stand in for). */
export function attestQueueList(attestants: QueueAttestants): ListSpec {
  const me = idsOf(attestants)[0];
  return {
    resource: 'attest-queue',
    select: SELECT,
    from: joinedFrom(BASE, JOINS),
    base: BASE,
    joins: JOINS,
    idColumn: 'o.id',
    visible: mine(attestants),
    late: (p, ctx) => `page."startDate" <= ${p.add(ctx.today)}::date AS due,
      CASE WHEN page."attestantId" = ${p.add(me)}::uuid THEN NULL
           ELSE (SELECT json_build_object('id', sf.id, 'name', ${personNameSql('sf')}, 'userId', ${personUserIdSql('sf')})
                   FROM ${fromPersons('sf')} WHERE sf.id = page."attestantId") END AS "standInFor",
      (SELECT count(*)::int FROM vmu_order_item i WHERE i.order_id = page.id) AS "itemCount",
      (SELECT coalesce(array_agg(${assignmentNameSql('a')} ORDER BY ${assignmentCatalogueOrderSql('a')}), '{}')
         FROM vmu_order_item i ${joinAssignment('a', 'i.assignment_id')}
        WHERE i.order_id = page.id) AS "assignmentNames",
      (SELECT coalesce(array_agg(${templateNameSql('tpl')} || ' (' || ${professionNameSql('prf')} || ')'
                                 ORDER BY ${templateSortSql('tpl')}), '{}')
         FROM vmu_order_item i ${joinTemplate('tpl', 'i.template_id')} ${joinProfession('prf', 'i.profession_id')}
        WHERE i.order_id = page.id) AS "templateNames"`,
    filters: {
      id: idFilter('o.id'),
      q: orderSearchFilter,
      orderNumber: orderNumberFilter,
      endUser: personFilter('o.end_user_id'),
      orderer: personFilter('o.orderer_id'),
      endUserId: idFilter('o.end_user_id'),
      ordererId: idFilter('o.orderer_id'),
      careUnitId: idFilter('o.care_unit_id'),
      accessOperationId: idFilter('o.access_operation_id'),
      kind: enumFilter('o.kind', ORDER_KINDS),
      batchId: idFilter('o.batch_id'),
      inBatch: flag(() => 'o.batch_id IS NOT NULL'),
      urgent: flag(() => 'o.urgent'),
      due: flag(dueSql),
      type: enumFilter('o.type', ORDER_TYPES),
      from: dayBound('from'),
      to: dayBound('to'),
      startFrom: startBound('from'),
      startTo: startBound('to'),
    },
    sortable: {
      createdAt: 'o.created_at',
      orderNumber: 'o.order_number',
      startDate: 'o.start_date',
      urgent: 'o.urgent',
      type: 'o.type',
      endUserName: personSortSql('eu'),
      ordererName: personSortSql('op'),
      // The care unit or, for an access order, the verksamhet: one column in the queue.
      careUnitName: `coalesce(${careUnitNameSql('cu')}, ${operationNameSql('aop')}) COLLATE beh_sv`,
    },
    defaultSort: ['createdAt', 'DESC'],
    tieBreak: 'o.order_number DESC',
  };
}

/** The queue's counts per tab: all, urgent, due (the start date has come) and distinct batches. */
export interface AttestQueueCounts {
  all: number;
  urgent: number;
  due: number;
  batches: number;
}

/**
 * The counts of the queue under `filter`, whatever tab is open: the tabs' own filters are left
 * out, unknown keys refused as the list refuses them.
 */
export async function attestQueueCounts(
  db: DataSource | EntityManager,
  attestants: QueueAttestants,
  filter: Record<string, unknown>,
  ctx: FilterContext,
): Promise<AttestQueueCounts> {
  const spec = attestQueueList(attestants);
  const unknown = Object.keys(filter).filter((key) => !Object.hasOwn(spec.filters, key));
  if (unknown.length > 0) throw bad(`Det går inte att filtrera på ${unknown.join(', ')}.`);
  const p = new SqlParams();
  const clauses = Object.entries(spec.filters)
    .filter(([key]) => !(TAB_FILTERS as readonly string[]).includes(key))
    .map(([key, toSql]) => toSql(filter, key, p, ctx))
    .filter((clause): clause is string => clause !== undefined);
  clauses.push(mine(attestants)(p));
  const [counts] = await db.query<AttestQueueCounts[]>(
    `SELECT count(*)::int AS "all", (count(*) FILTER (WHERE o.urgent))::int AS urgent,
            (count(*) FILTER (WHERE ${dueSql(p, ctx)}))::int AS due,
            count(DISTINCT o.batch_id)::int AS batches
       FROM vmu_order o WHERE ${clauses.map((c) => `(${c})`).join(' AND ')}`,
    p.values,
  );
  return counts;
}

/**
 * The mass orders (batches) with orders awaiting `attestantId`'s attest, one row each. A batch's
 * orders share their orderer and care unit (one send, one assignment), so grouping by those too
 * makes the same groups, and the conditions on them (the attestant, `q`, `careUnitId`) reach the
 * orders' own indexes inside the grouping.
 */
export function attestBatchList(attestants: QueueAttestants): ListSpec {
  const ids = idsOf(attestants);
  return {
    resource: 'attest-batches',
    select: `b.id, b."orderCount", b.urgent, b."createdAt", b."firstStartDate", b."ordererName",
      b."careUnitNames", b."orderIds"`,
    from: `(SELECT o.batch_id AS id, o.attestant_id, o.orderer_id, o.care_unit_id, count(*)::int AS "orderCount",
                   bool_or(o.urgent) AS urgent, min(o.created_at) AS "createdAt",
                   min(o.start_date) AS "firstStartDate",
                   string_agg(DISTINCT ${personNameSql('op')}, ', ') AS "ordererName",
                   array_agg(DISTINCT coalesce(${careUnitNameSql('cu')}, ${operationNameSql('aop')})) AS "careUnitNames",
                   array_agg(o.id ORDER BY o.order_number) AS "orderIds"
              FROM vmu_order o ${joinPerson('op', 'o.orderer_id')}
              ${leftJoin(joinCareUnit('cu', 'o.care_unit_id'))}
              ${leftJoinOperation('aop', 'o.access_operation_id')}
             WHERE ${awaitingAttestSql('o')} AND o.batch_id IS NOT NULL
             GROUP BY o.batch_id, o.attestant_id, o.orderer_id, o.care_unit_id, o.access_operation_id) AS b`,
    idColumn: 'b.id',
    visible: (p) =>
      ids.length === 1 ? `b.attestant_id = ${p.add(ids[0])}` : `b.attestant_id = ANY(${p.add(ids)}::uuid[])`,
    late: () => `(SELECT array_agg(DISTINCT ${assignmentNameSql('a')})
        FROM vmu_order_item i ${joinAssignment('a', 'i.assignment_id')}
       WHERE i.order_id = ANY(page."orderIds")) AS "assignmentNames"`,
    filters: {
      q: (filter, key, p) => {
        const words = personWordsSql('dx', filterString(filter, key), p);
        return words.length
          ? `b.orderer_id IN (SELECT dx.id FROM ${fromPersons('dx')} WHERE ${words.join(' AND ')})`
          : undefined;
      },
      careUnitId: idFilter('b.care_unit_id'),
    },
    sortable: { createdAt: 'b."createdAt"', orderCount: 'b."orderCount"' },
    defaultSort: ['createdAt', 'DESC'],
    tieBreak: 'b.id',
  };
}
