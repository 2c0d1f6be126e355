import { HttpStatus } from '@nestjs/common';
import { filterBoolean, filterString } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import {
  enumFilter,
  type FilterContext,
  type FilterSql,
  idFilter,
  type ListSpec,
  nameSearch,
  SqlParams,
} from '../common/sql.js';
import { ORDER_TYPES } from '../orders/order.types.js';
import { dayBound, orderNumberFilter, personFilter } from '../orders/orders.queries.js';

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

const SELECT = `o.id, o.order_number AS "orderNumber", o.created_at AS "createdAt", o.type, o.status, o.urgent,
  o.start_date AS "startDate", o.end_date AS "endDate",
  o.end_user_id AS "endUserId", eu.first_name || ' ' || eu.last_name AS "endUserName", eu.user_id AS "endUserUserId",
  o.orderer_id AS "ordererId", op.first_name || ' ' || op.last_name AS "ordererName", op.user_id AS "ordererUserId",
  o.care_unit_id AS "careUnitId", cu.name AS "careUnitName", adm.name AS "administrationName",
  o.batch_id AS "batchId"`;

const FROM = `vmu_order o
  JOIN person op ON op.id = o.orderer_id
  JOIN person eu ON eu.id = o.end_user_id
  JOIN care_unit cu ON cu.id = o.care_unit_id
  JOIN administration adm ON adm.id = cu.administration_id`;

/**
 * The queue is always "awaiting my attest": the condition comes from the session, never from the
 * query string, and served by vmu_order_attestant_status_idx. Naming the key is refused so that
 * nobody believes they can widen it.
 */
const mine =
  (attestantId: string): FilterSql =>
  (filter, key, p) => {
    if (filter[key] !== undefined) throw bad(`Det går inte att filtrera på ${key}.`);
    return `o.attestant_id = ${p.add(attestantId)} AND o.status = 'AWAITING_ATTEST'`;
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
    const value = filterString(filter, key);
    if (value === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw bad(`Filtret ${key} måste vara ett datum (ÅÅÅÅ-MM-DD).`);
    }
    return `o.start_date ${side === 'from' ? '>=' : '<='} ${p.add(value)}::date`;
  };

/** Carried out at once when approved: the start date has come. */
const dueSql = (p: SqlParams, ctx: FilterContext) => `o.start_date <= ${p.add(ctx.today)}::date`;

/** The filters of the queue that every tab shares; `urgent` and `due` are the tabs' own. */
export const TAB_FILTERS = ['urgent', 'due'] as const;

/** "Attestera beställningar": the orders awaiting the attest of `attestantId`. */
export function attestQueueSpec(attestantId: string): ListSpec {
  return {
    resource: 'attest-queue',
    select: SELECT,
    from: FROM,
    idColumn: 'o.id',
    late: (p, ctx) => `page."startDate" <= ${p.add(ctx.today)}::date AS due,
      (SELECT count(*)::int FROM vmu_order_item i WHERE i.order_id = page.id) AS "itemCount",
      (SELECT coalesce(array_agg(a.name ORDER BY a.kind, a.name COLLATE beh_sv), '{}')
         FROM vmu_order_item i JOIN assignment a ON a.id = i.assignment_id
        WHERE i.order_id = page.id) AS "assignmentNames"`,
    filters: {
      scope: mine(attestantId),
      id: idFilter('o.id'),
      q: (filter, key, p, ctx) => {
        const value = filterString(filter, key)?.trim();
        if (!value) return undefined;
        const byNumber = orderNumberFilter({ orderNumber: value }, 'orderNumber', p, ctx);
        const byName = personFilter('o.end_user_id')({ endUser: value }, 'endUser', p, ctx);
        return [byNumber, byName].filter(Boolean).join(' OR ');
      },
      orderNumber: orderNumberFilter,
      endUser: personFilter('o.end_user_id'),
      orderer: personFilter('o.orderer_id'),
      endUserId: idFilter('o.end_user_id'),
      ordererId: idFilter('o.orderer_id'),
      careUnitId: idFilter('o.care_unit_id'),
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
      endUserName: 'eu.last_name COLLATE beh_sv',
      ordererName: 'op.last_name COLLATE beh_sv',
      careUnitName: 'cu.name COLLATE beh_sv',
    },
    defaultSort: ['createdAt', 'DESC'],
    tieBreak: 'o.order_number DESC',
  };
}

/** WHERE of the queue for `filter`, leaving out the filters named in `skip`; unknown keys refused. */
export function queueWhere(
  spec: ListSpec,
  filter: Record<string, unknown>,
  ctx: FilterContext,
  skip: readonly string[] = [],
): { where: string; params: unknown[] } {
  const unknown = Object.keys(filter).filter((key) => !(key in spec.filters));
  if (unknown.length > 0) throw bad(`Det går inte att filtrera på ${unknown.join(', ')}.`);
  const p = new SqlParams();
  const clauses = Object.entries(spec.filters)
    .filter(([key]) => !skip.includes(key))
    .map(([key, toSql]) => toSql(filter, key, p, ctx))
    .filter((clause): clause is string => clause !== undefined);
  return { where: clauses.map((c) => `(${c})`).join(' AND '), params: p.values };
}

/** The counts per tab: all, urgent, due (start date has come) and distinct batches. */
export function countsSql(spec: ListSpec, filter: Record<string, unknown>, ctx: FilterContext) {
  const { where, params } = queueWhere(spec, filter, ctx, TAB_FILTERS);
  const p = new SqlParams();
  p.values.push(...params);
  return {
    sql: `SELECT count(*)::int AS "all", (count(*) FILTER (WHERE o.urgent))::int AS urgent,
                 (count(*) FILTER (WHERE ${dueSql(p, ctx)}))::int AS due,
                 count(DISTINCT o.batch_id)::int AS batches
            FROM vmu_order o WHERE ${where}`,
    params: p.values,
  };
}

/** Batches (mass orders) with orders awaiting this attestant, as one row each. */
export function batchesSql(
  attestantId: string,
  filter: Record<string, unknown>,
  sortSql: string,
  offset: number,
  limit: number,
) {
  const allowed = ['q', 'careUnitId'];
  const unknown = Object.keys(filter).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) throw bad(`Det går inte att filtrera på ${unknown.join(', ')}.`);
  const p = new SqlParams();
  const where = [
    `o.attestant_id = ${p.add(attestantId)}`,
    `o.status = 'AWAITING_ATTEST'`,
    'o.batch_id IS NOT NULL',
  ];
  const byOrderer = nameSearch(['op.first_name', 'op.last_name', 'op.user_id'], filterString(filter, 'q'), p);
  if (byOrderer) where.push(byOrderer);
  const unit = idFilter('o.care_unit_id')(filter, 'careUnitId', p, { today: '' });
  if (unit) where.push(unit);
  return {
    sql: `SELECT o.batch_id AS id, count(*)::int AS "orderCount", bool_or(o.urgent) AS urgent,
                 min(o.created_at) AS "createdAt", min(o.start_date) AS "firstStartDate",
                 string_agg(DISTINCT op.first_name || ' ' || op.last_name, ', ') AS "ordererName",
                 array_agg(DISTINCT cu.name) AS "careUnitNames",
                 (SELECT array_agg(DISTINCT a.name) FROM vmu_order o2
                    JOIN vmu_order_item i ON i.order_id = o2.id JOIN assignment a ON a.id = i.assignment_id
                   WHERE o2.batch_id = o.batch_id AND o2.id = ANY(array_agg(o.id))) AS "assignmentNames",
                 array_agg(o.id ORDER BY o.order_number) AS "orderIds",
                 count(*) OVER ()::int AS "__total"
            FROM vmu_order o JOIN person op ON op.id = o.orderer_id JOIN care_unit cu ON cu.id = o.care_unit_id
           WHERE ${where.map((c) => `(${c})`).join(' AND ')}
           GROUP BY o.batch_id
           ORDER BY ${sortSql}, o.batch_id
           LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`,
    params: p.values,
  };
}

export const BATCH_SORTABLE = { createdAt: 'min(o.created_at)', orderCount: 'count(*)' };
