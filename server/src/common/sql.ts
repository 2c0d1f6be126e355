import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { filterIds, filterString, parseListQuery, type RawListQuery, setContentRange } from './list-query.js';
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
  from: string;
  idColumn: string;
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
   * Lists only: a condition every listed row meets whatever the filters, e.g. the rows this
   * reader may see. findRow reads any row by its id; its caller decides who may open it.
   */
  visible?: (p: SqlParams, ctx: FilterContext) => string | undefined;
}

/** A list's ORDER BY: the asked sort, then the tie break, as the spec says. */
export function orderSql(
  spec: ListSpec,
  query: { sortField: string; sortOrder: 'ASC' | 'DESC'; sortSql: string },
): string {
  const nulls = spec.nullsLast?.includes(query.sortField) ? ' NULLS LAST' : '';
  const tie = spec.tieBreakFollowsSort ? ` ${query.sortOrder}` : '';
  return `${query.sortSql}${nulls}, ${spec.tieBreak}${tie}`;
}

export interface Page<T> {
  items: T[];
  offset: number;
  total: number;
}

interface Counted {
  __total: number;
  __n: number;
}

export async function listRows<T extends object>(
  db: DataSource | EntityManager,
  spec: ListSpec,
  raw: RawListQuery,
  ctx: FilterContext,
): Promise<Page<T>> {
  const query = parseListQuery(raw, spec.sortable, spec.defaultSort);
  const unknown = Object.keys(query.filter).filter((key) => !(key in spec.filters));
  if (unknown.length > 0) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Det går inte att filtrera på ${unknown.join(', ')}.`,
    );
  }
  const p = new SqlParams();
  const where = Object.entries(spec.filters)
    .map(([key, toSql]) => toSql(query.filter, key, p, ctx))
    .filter((clause): clause is string => clause !== undefined);
  const visible = spec.visible?.(p, ctx);
  if (visible !== undefined) where.push(visible);
  const whereSql = where.length ? `WHERE ${where.map((c) => `(${c})`).join(' AND ')}` : '';
  const whereValues = [...p.values];
  const order = orderSql(spec, query);
  const late = spec.late ? `, ${spec.late(p, ctx)}` : '';
  const sql = `
    SELECT page.*${late} FROM (
      SELECT ${spec.select}, count(*) OVER ()::int AS "__total", row_number() OVER (ORDER BY ${order})::int AS "__n"
      FROM ${spec.from} ${whereSql}
      ORDER BY ${order}
      LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}
    ) AS page ORDER BY page."__n"`;
  const rows = await db.query<(T & Counted)[]>(sql, p.values);
  let total = rows[0]?.__total ?? 0;
  if (rows.length === 0 && query.offset > 0) {
    // A page past the end still reports how many there are.
    const counted = await db.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM ${spec.from} ${whereSql}`,
      whereValues,
    );
    total = counted[0]?.total ?? 0;
  }
  const items = rows.map(({ __total: _total, __n: _n, ...item }) => item as unknown as T);
  return { items, offset: query.offset, total };
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
  const rows = await db.query<T[]>(
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
  setContentRange(res, resource, page.offset, page.items.length, page.total);
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
  const unknown = Object.keys(filter).filter((key) => !(key in spec.filters));
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
 * listRows for lists of many hits. Counting along with the page (count(*) OVER) would number and
 * sort every hit — 18,000 for an administration — where the page alone needs only the first few,
 * by a top-N sort or by an index. So the page's ids are chosen first (ORDER BY … LIMIT, nothing
 * else), its rows are then read and `late` computed for them alone, and the total is counted by a
 * statement of its own, run beside the page's. Same answer as listRows, past-the-end pages included.
 */
export async function searchRows<T extends object>(
  db: DataSource | EntityManager,
  spec: SearchSpec,
  raw: RawListQuery,
  ctx: FilterContext,
): Promise<Page<T>> {
  const query = parseListQuery(raw, spec.sortable, spec.defaultSort);
  const p = new SqlParams();
  const where = filterClauses(spec, query.filter, p, ctx);
  if (where.length === 0 && spec.emptyUnfiltered) return { items: [], offset: query.offset, total: 0 };
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
  const sql = `
    SELECT page.*${late} FROM (
      SELECT ${spec.select}, row_number() OVER (ORDER BY ${order})::int AS "__n"
        FROM ${spec.from}
       WHERE ${spec.idColumn} IN (
         SELECT ${spec.idColumn} FROM ${spec.from} ${whereSql}
          ORDER BY ${pageOrder} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)})
    ) AS page ORDER BY page."__n"`;
  const [rows, [{ total }]] = await Promise.all([
    db.query<(T & { __n: number })[]>(sql, p.values),
    db.query<{ total: number }[]>(`SELECT count(*)::int AS total FROM ${spec.from} ${whereSql}`, whereValues),
  ]);
  const items = rows.map(({ __n: _n, ...item }) => item as unknown as T);
  return { items, offset: query.offset, total };
}
