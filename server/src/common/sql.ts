import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { filterIds, filterString, parseListQuery, type RawListQuery, setContentRange } from './list-query.js';
import { queryPrepared } from './prepared.js';
import { ProblemException } from './problem.js';
import { isUuid } from './uuid.js';

/** Positional parameters for hand-written SQL: `p.add(value)` returns its `$n`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Search words of a `q` filter; a handful is plenty and keeps the query bounded. */
export function searchTokens(q: string | undefined): string[] {
  return q ? q.trim().split(/\s+/).filter(Boolean).slice(0, 6) : [];
}

/** A user-typed word for LIKE: its own % and _ (and the escape character) are literal. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * `folded(column)` starts with the word in `param`, case- and accent-insensitive. Written as
 * `beh_fold(col) LIKE beh_fold($n) || '%'` so that, with the value bound, the pattern folds to
 * a constant and the `text_pattern_ops` expression index on `beh_fold(col)` serves it.
 */
export function foldedPrefix(column: string, param: string): string {
  return `beh_fold(${column}) LIKE beh_fold(${param}) || '%'`;
}

/** Some word of `column` (after a space) starts with the word in `param`. */
export function foldedWordPrefix(column: string, param: string): string {
  return `beh_fold(${column}) LIKE '% ' || beh_fold(${param}) || '%'`;
}

/** Name search for small tables: the name or one of its words starts with each token. */
export function nameSearch(columns: string[], q: string | undefined, p: SqlParams): string | undefined {
  const tokens = searchTokens(q);
  if (tokens.length === 0) return undefined;
  return tokens
    .map((token) => {
      const param = p.add(likeEscape(token));
      return `(${columns.flatMap((c) => [foldedPrefix(c, param), foldedWordPrefix(c, param)]).join(' OR ')})`;
    })
    .join(' AND ');
}

export interface FilterContext {
  /** Stockholm's today, YYYY-MM-DD, for "active" validity. */
  today: string;
}

/** Turns one filter key into a WHERE clause (or nothing when the value is empty). */
export type FilterSql = (
  filter: Record<string, unknown>,
  key: string,
  p: SqlParams,
  ctx: FilterContext,
) => string | undefined;

export const idFilter =
  (column: string): FilterSql =>
  (filter, key, p) => {
    const ids = filterIds(filter, key);
    return ids ? `${column} = ANY(${p.add(ids)}::uuid[])` : undefined;
  };

export const enumFilter =
  (column: string, allowed: readonly string[]): FilterSql =>
  (filter, key, p) => {
    const value = filterString(filter, key);
    if (value === undefined) return undefined;
    if (!allowed.includes(value)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'bad-list-query',
        `Filtret ${key} måste vara något av ${allowed.join(', ')}.`,
      );
    }
    return `${column} = ${p.add(value)}`;
  };

export const nameFilter =
  (...columns: string[]): FilterSql =>
  (filter, key, p) =>
    nameSearch(columns, filterString(filter, key), p);

/** SQL for "valid today" of a row with valid_from/valid_to dates. */
export const activeSql = (alias: string, today: string) =>
  `(${alias}.valid_from <= ${today}::date AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= ${today}::date))`;

/**
 * How one resource is listed and read. `select` yields the item's columns (camelCase aliases)
 * from `from`; `late` are columns computed per row of the page only (counts, aggregates),
 * written against the page's alias `page`.
 */
export interface ListSpec {
  resource: string;
  select: string;
  /** Every table the item's columns come from: the driving table and all its joins. */
  from: string;
  idColumn: string;
  /**
   * The driving table alone (e.g. `vmu_order o`) when `from` joins more for display. The page's
   * ids are then chosen, and the hits counted, on it with only those of `joins` that the filter
   * and sort name; the display joins are made for the page's rows alone.
   */
  base?: string;
  /** The joins that follow `base` in `from`, by the alias each brings in (see joinedFrom). */
  joins?: Record<string, string>;
  late?: (p: SqlParams, ctx: FilterContext) => string;
  filters: Record<string, FilterSql>;
  sortable: Record<string, string>;
  defaultSort: [string, 'ASC' | 'DESC'];
  /** Appended to every ORDER BY so that pages are stable. */
  tieBreak: string;
  /** The tie break goes the sort's way: rows of one moment newest first when the newest come first. */
  tieBreakFollowsSort?: boolean;
  /**
   * Sort keys whose column may be empty: those rows come last either way (PostgreSQL puts them
   * first when descending). Only these, so that a sort on a column that is never empty keeps its index.
   */
  nullsLast?: readonly string[];
  /**
   * Filter keys under which the planner's estimate is no guide to the number of hits (a name
   * search through trigram indexes, estimated from default selectivities): with one of them
   * given, a total above the count limit is told as "more than the limit", not an estimate.
   */
  unestimated?: readonly string[];
  /**
   * Lists only: a condition every listed row meets whatever the filters, e.g. the rows this
   * reader may see. findRow reads any row by its id; its caller decides who may open it.
   */
  visible?: (p: SqlParams, ctx: FilterContext) => string | undefined;
}

/** A spec's `from` written as its `base` and `joins`: the driving table, then each join in order. */
export const joinedFrom = (base: string, joins: Record<string, string>): string =>
  [base, ...Object.values(joins)].join('\n  ');

/** A list's ORDER BY: the asked sort, then the tie break, as the spec says. */
export function orderSql(
  spec: ListSpec,
  query: { sortField: string; sortOrder: 'ASC' | 'DESC'; sortSql: string },
): string {
  const nulls = spec.nullsLast?.includes(query.sortField) ? ' NULLS LAST' : '';
  const tie = spec.tieBreakFollowsSort ? ` ${query.sortOrder}` : '';
  return `${query.sortSql}${nulls}, ${spec.tieBreak}${tie}`;
}

/**
 * How a list's total was found (the `X-Total-Kind` header): `exact` counted; `estimate` the
 * planner's estimate, given when more rows match than the exact count limit and the estimate is
 * above it too; `at-least` more rows match than the limit, and `total` is the limit plus one.
 */
export type TotalKind = 'exact' | 'estimate' | 'at-least';

export interface Page<T> {
  items: T[];
  offset: number;
  total: number;
  totalKind: TotalKind;
}

/**
 * How far lists count and page. Counting stops after `exactCountLimit` hits (above it the total is
 * the planner's estimate or "more than"), and no page may start past `maxOffset` rows (a page that
 * deep would read and throw away every row before it). Set once at start (configureLists).
 */
export interface ListLimits {
  exactCountLimit: number;
  maxOffset: number;
}

const limits: ListLimits = { exactCountLimit: 1_000, maxOffset: 10_000 };

/** Sets the list limits (from the configuration, at start); the defaults are 1 000 and 10 000. */
export function configureLists(values: Partial<ListLimits>): void {
  Object.assign(limits, values);
}

export function listLimits(): Readonly<ListLimits> {
  return limits;
}

/** Swedish thousands: 10 000. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');

/** Refuses a page that starts past the paging limit, with what to do instead. */
export function checkOffset(offset: number): void {
  if (offset <= limits.maxOffset) return;
  throw new ProblemException(
    HttpStatus.BAD_REQUEST,
    'bad-list-query',
    `Det går att bläddra bland de första ${thousands(limits.maxOffset)} raderna. ` +
      'Begränsa urvalet med sökning eller filter, eller vänd sorteringen, för att nå längre.',
  );
}

/** The `from` of a page or count query: `base` with the joins the SQL names (and those they need). */
function drivingFrom(spec: ListSpec, sql: string[]): string {
  if (!spec.base || !spec.joins) return spec.from;
  const joins = spec.joins;
  const names = (text: string, alias: string) => new RegExp(`\\b${alias}\\.`).test(text);
  const needed = new Set(Object.keys(joins).filter((alias) => sql.some((text) => names(text, alias))));
  // A join may name another (the administration of the care unit): that one comes too.
  let grew = true;
  while (grew) {
    grew = false;
    for (const alias of Object.keys(joins)) {
      if (needed.has(alias)) continue;
      if ([...needed].some((n) => names(joins[n], alias))) {
        needed.add(alias);
        grew = true;
      }
    }
  }
  return [
    spec.base,
    ...Object.keys(joins)
      .filter((a) => needed.has(a))
      .map((a) => joins[a]),
  ].join('\n  ');
}

/**
 * The page's rows joined to its ids. With a `base`, the chain starts at the ids (`ids JOIN base ON
 * … LEFT JOIN …`): written as `ids, (base JOIN …)` a chain of more than from_collapse_limit (8)
 * relations is planned on its own, joining every row of the driving table before the ids pick the
 * page's few (the orders list took 2 s on a million orders that way, 10 ms this way).
 */
function pageJoin(spec: ListSpec): string {
  if (!spec.base || !spec.joins) return `, ${spec.from}\n       WHERE ${spec.idColumn} = ids."__id"`;
  return [`JOIN ${spec.base} ON ${spec.idColumn} = ids."__id"`, ...Object.values(spec.joins)].join('\n  ');
}

/** The planner's estimate of the rows of a SELECT, from EXPLAIN (no rows are read). */
async function estimateRows(db: DataSource | EntityManager, sql: string, values: unknown[]): Promise<number> {
  const [row] = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `EXPLAIN (FORMAT JSON) ${sql}`,
    values,
  );
  const plan = row['QUERY PLAN'];
  return Math.round((typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan['Plan Rows']);
}

/** Two significant digits: an estimate is not shown more precise than it is. */
const roughly = (n: number): number => {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
};

/**
 * How many rows `FROM … WHERE …` yields, reading at most one past the exact count limit: exact
 * below it; above it the planner's estimate when that is above the limit too, else "more than
 * the limit" (never a made-up figure).
 */
export async function countRows(
  db: DataSource | EntityManager,
  fromWhere: string,
  values: unknown[],
  options: { estimate?: boolean } = {},
): Promise<{ total: number; totalKind: TotalKind }> {
  const [{ n }] = await queryPrepared<{ n: number }[]>(db, `SELECT ${boundedCount(fromWhere)} AS n`, values);
  return totalOf(db, n, fromWhere, values, options);
}

/** A scalar subquery: how many rows `FROM … WHERE …` yields, reading at most one past the limit. */
const boundedCount = (fromWhere: string): string =>
  `(SELECT count(*)::int FROM (SELECT 1 FROM ${fromWhere} LIMIT ${limits.exactCountLimit + 1}) AS hits)`;

/** The total told for a bounded count `n` (countRows). */
async function totalOf(
  db: DataSource | EntityManager,
  n: number,
  fromWhere: string,
  values: unknown[],
  { estimate: estimable = true }: { estimate?: boolean },
): Promise<{ total: number; totalKind: TotalKind }> {
  const limit = limits.exactCountLimit;
  if (n <= limit) return { total: n, totalKind: 'exact' };
  if (!estimable) return { total: limit + 1, totalKind: 'at-least' };
  const estimate = roughly(await estimateRows(db, `SELECT 1 FROM ${fromWhere}`, values));
  return estimate > limit
    ? { total: estimate, totalKind: 'estimate' }
    : { total: limit + 1, totalKind: 'at-least' };
}

/**
 * One page of a list and its total. The page's ids are chosen first — on the driving table
 * (`base`) with only the joins its filter and sort name, ORDER BY … LIMIT, so an index in the
 * sort's order is walked only as far as the page — then the page's rows are read with every
 * display join and `late` computed for them alone. The total comes from the page itself when it
 * is the last one, else from the bounded count read in the same statement (countRows when the page
 * is empty). A page past `maxOffset` is refused.
 */
export async function listRows<T extends object>(
  db: DataSource | EntityManager,
  spec: ListSpec,
  raw: RawListQuery,
  ctx: FilterContext,
): Promise<Page<T>> {
  return pageOf<T>(db, spec, raw, ctx);
}

async function pageOf<T extends object>(
  db: DataSource | EntityManager,
  spec: SearchSpec,
  raw: RawListQuery,
  ctx: FilterContext,
): Promise<Page<T>> {
  const query = parseListQuery(raw, spec.sortable, spec.defaultSort);
  checkOffset(query.offset);
  const p = new SqlParams();
  const where = filterClauses(spec, query.filter, p, ctx);
  if (where.length === 0 && spec.emptyUnfiltered) {
    return { items: [], offset: query.offset, total: 0, totalKind: 'exact' };
  }
  const visible = spec.visible?.(p, ctx);
  if (visible !== undefined) where.push(visible);
  const whereSql = where.length ? `WHERE ${where.map((c) => `(${c})`).join(' AND ')}` : '';
  const whereValues = [...p.values];
  const order = orderSql(spec, query);
  const paging = spec.pageOrder?.(query.filter);
  const pageOrder = paging
    ? `${paging.sortable[query.sortField]} ${query.sortOrder}, ${paging.tieBreak}`
    : order;
  const late = spec.late ? `, ${spec.late(p, ctx)}` : '';
  // The bounded count rides along in the page's own statement (an InitPlan, run once, when the
  // page has a row): one round trip for the page and its total, not two.
  const countFrom = `${drivingFrom(spec, [whereSql])} ${whereSql}`;
  const sql = `
    SELECT page.*${late}, ${boundedCount(countFrom)} AS "__hits" FROM (
      SELECT ${spec.select}, row_number() OVER (ORDER BY ${order})::int AS "__n"
        FROM (SELECT ${spec.idColumn} AS "__id" FROM ${drivingFrom(spec, [whereSql, pageOrder])} ${whereSql}
               ORDER BY ${pageOrder} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}) AS ids
        ${pageJoin(spec)}
    ) AS page ORDER BY page."__n"`;
  const rows = await queryPrepared<(T & { __n: number; __hits: number })[]>(db, sql, p.values);
  const items = rows.map(({ __n: _n, __hits: _hits, ...item }) => item as unknown as T);
  // A short page is the last one: its end is the total, nothing more to count.
  const last = items.length < query.limit && (items.length > 0 || query.offset === 0);
  const options = {
    estimate: !spec.unestimated?.some((key) => query.filter[key] !== undefined && query.filter[key] !== ''),
  };
  const counted = last
    ? { total: query.offset + items.length, totalKind: 'exact' as const }
    : rows.length > 0
      ? await totalOf(db, rows[0].__hits, countFrom, whereValues, options)
      : await countRows(db, countFrom, whereValues, options);
  return { items, offset: query.offset, ...counted };
}

/** One item by id, with the same columns as in the list; undefined when there is none. */
export async function findRow<T extends object>(
  db: DataSource | EntityManager,
  spec: ListSpec,
  id: string,
  ctx: FilterContext,
): Promise<T | undefined> {
  if (!isUuid(id)) return undefined;
  const p = new SqlParams();
  const idParam = p.add(id);
  const late = spec.late ? `, ${spec.late(p, ctx)}` : '';
  const rows = await queryPrepared<T[]>(
    db,
    `SELECT page.*${late} FROM (SELECT ${spec.select} FROM ${spec.from} WHERE ${spec.idColumn} = ${idParam}) AS page`,
    p.values,
  );
  return rows[0];
}

/** True when a row with this id exists in `table` (a fixed table name, never user input). */
export async function rowExists(db: DataSource | EntityManager, table: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db.query<unknown[]>(`SELECT 1 FROM ${table} WHERE id = $1`, [id]);
  return rows.length > 0;
}

/** Sets Content-Range for a page and returns its items: the body of a list answer. */
export function pageBody<T>(res: Response, resource: string, page: Page<T>): T[] {
  setContentRange(res, resource, page.offset, page.items.length, page.total, page.totalKind);
  return page.items;
}

/** A list whose hits may be very many (a search of persons): listed by searchRows. */
export interface SearchSpec extends ListSpec {
  /** No filter gives a condition: nothing has been searched for yet, so an empty page, unasked. */
  emptyUnfiltered?: boolean;
  /**
   * The same order written otherwise for finding the page under this filter, when that is faster
   * (e.g. keeping an index out of a sort of few clustered hits); same keys as `sortable`.
   */
  pageOrder?: (filter: Record<string, unknown>) => Pick<ListSpec, 'sortable' | 'tieBreak'> | undefined;
}

/** The filter's WHERE clauses under `spec`, refusing filter keys the list does not know. */
export function filterClauses(
  spec: ListSpec,
  filter: Record<string, unknown>,
  p: SqlParams,
  ctx: FilterContext,
): string[] {
  // Own names only: `in` would take an inherited one (constructor, toString) for a filter.
  const unknown = Object.keys(filter).filter((key) => !Object.hasOwn(spec.filters, key));
  if (unknown.length > 0) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Det går inte att filtrera på ${unknown.join(', ')}.`,
    );
  }
  return Object.entries(spec.filters)
    .map(([key, toSql]) => toSql(filter, key, p, ctx))
    .filter((clause): clause is string => clause !== undefined);
}

/**
 * listRows for a search: the same page and count, with the SearchSpec's extras (an empty answer
 * before anything is searched for, another way of writing the order for finding the page).
 */
export function searchRows<T extends object>(
  db: DataSource | EntityManager,
  spec: SearchSpec,
  raw: RawListQuery,
  ctx: FilterContext,
): Promise<Page<T>> {
  return pageOf<T>(db, spec, raw, ctx);
}
