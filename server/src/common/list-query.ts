import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { isCalendarDate } from './field-rules.js';
import { checkInput } from './input-guard.js';
import { ProblemException } from './problem.js';
import { isUuid } from './uuid.js';

/** A list request in the ra-data-simple-rest convention: `filter`, `range`, `sort` as JSON. */
export interface ListQuery {
  filter: Record<string, unknown>;
  offset: number;
  limit: number;
  sortField: string;
  sortOrder: 'ASC' | 'DESC';
}

export interface RawListQuery {
  filter?: string;
  range?: string;
  sort?: string;
}

const MAX_PAGE = 1000;

/**
 * A list parameter's JSON, checked as a request body is (common/input-guard.ts): no NUL or lone
 * surrogate in its texts, at most MAX_JSON_DEPTH levels, so nothing below walks or binds them.
 */
function parseJson(name: string, raw: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Parametern ${name} är inte giltig JSON.`,
    );
  }
  checkInput(value, name, `Parametern ${name}`);
  return value;
}

/** Whole numbers JavaScript counts exactly: a range beyond them is no range (1e308 is an "integer"). */
const isIndex = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * Parses and checks the list parameters; `sortable` maps the API's sort names to SQL
 * expressions, so nothing from the query string ever reaches SQL unchecked.
 */
export function parseListQuery(
  raw: RawListQuery,
  sortable: Record<string, string>,
  defaultSort: [string, 'ASC' | 'DESC'],
): ListQuery & { sortSql: string } {
  const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);
  const filter = raw.filter ? parseJson('filter', raw.filter) : {};
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    throw bad('Parametern filter måste vara ett JSON-objekt.');
  }
  let offset = 0;
  let limit = 25;
  if (raw.range) {
    const range = parseJson('range', raw.range);
    if (!Array.isArray(range) || range.length !== 2 || !range.every(isIndex) || range[1] < range[0]) {
      throw bad('Parametern range måste vara [från, till] med heltal.');
    }
    offset = range[0];
    limit = Math.min(range[1] - range[0] + 1, MAX_PAGE);
  } else if (Array.isArray((filter as Record<string, unknown>).id)) {
    // react-admin's getMany sends only `filter.id`: answer every id asked for, not one page.
    limit = Math.min(Math.max(((filter as Record<string, unknown>).id as unknown[]).length, 1), MAX_PAGE);
  }
  let [sortField, sortOrder] = defaultSort;
  if (raw.sort) {
    const sort = parseJson('sort', raw.sort);
    if (
      !Array.isArray(sort) ||
      sort.length !== 2 ||
      typeof sort[0] !== 'string' ||
      !['ASC', 'DESC'].includes(sort[1])
    ) {
      throw bad('Parametern sort måste vara ["fält","ASC"|"DESC"].');
    }
    // react-admin sorts by `id` wherever a component names no sort; ids have no useful order,
    // so that means "the default order" rather than an error.
    // Own names only: `in` would take an inherited one (__proto__, constructor) into ORDER BY.
    if (sort[0] !== 'id' || Object.hasOwn(sortable, 'id')) {
      if (!Object.hasOwn(sortable, sort[0])) throw bad(`Det går inte att sortera på ${sort[0]}.`);
      sortField = sort[0];
      sortOrder = sort[1] as 'ASC' | 'DESC';
    }
  }
  return {
    filter: filter as Record<string, unknown>,
    offset,
    limit,
    sortField,
    sortOrder,
    sortSql: `${sortable[sortField]} ${sortOrder}`,
  };
}

/**
 * The list headers: ra-data-simple-rest's `Content-Range: <resource> <from>-<to>/<total>` (total
 * always a number) and `X-Total-Kind`, which says what that total is: `exact`, `estimate` (the
 * planner's, above the exact count limit) or `at-least` (more than the limit; total = limit + 1).
 */
export function setContentRange(
  res: Response,
  resource: string,
  offset: number,
  count: number,
  total: number,
  totalKind: 'exact' | 'estimate' | 'at-least' = 'exact',
): void {
  const end = count === 0 ? offset : offset + count - 1;
  res.setHeader('Content-Range', `${resource} ${offset}-${end}/${total}`);
  res.setHeader('X-Total-Kind', totalKind);
  res.setHeader('Access-Control-Expose-Headers', 'Content-Range, X-Total-Kind, X-Request-Id');
}

/** Reads an optional string filter value, refusing other types. */
export function filterString(filter: Record<string, unknown>, key: string): string | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', `Filtret ${key} måste vara text.`);
  }
  return value;
}

/**
 * Reads an optional calendar date filter (YYYY-MM-DD, a day that exists: no 2026-02-30, which
 * JavaScript's Date.parse would take as 2 March and PostgreSQL refuses).
 */
export function filterDate(filter: Record<string, unknown>, key: string): string | undefined {
  const value = filterString(filter, key);
  if (value === undefined) return undefined;
  if (!isCalendarDate(value)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Filtret ${key} måste vara ett datum som finns (ÅÅÅÅ-MM-DD).`,
    );
  }
  return value;
}

export function filterBoolean(filter: Record<string, unknown>, key: string): boolean | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ProblemException(
    HttpStatus.BAD_REQUEST,
    'bad-list-query',
    `Filtret ${key} måste vara true eller false.`,
  );
}

/** Filter values that are ids: a uuid, or a list of them (react-admin's getMany sends `id: [...]`). */
export function filterIds(filter: Record<string, unknown>, key: string): string[] | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === '') return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((v) => isUuid(v))) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Filtret ${key} måste vara giltiga id.`,
    );
  }
  return list as string[];
}
