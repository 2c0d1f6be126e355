import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { filterString, type ListQuery, parseListQuery, type RawListQuery } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import { AUDIT_COLUMNS, type AuditEventView } from './audit.service.js';
import { isUuid } from '../common/uuid.js';

const SORTABLE: Record<string, string> = {
  at: 'e.at',
  id: 'e.id',
  action: 'e.action',
  entityType: 'e.entity_type',
  actorId: 'e.actor_id',
};

const FILTERS = ['id', 'entityType', 'entityId', 'actorId', 'action', 'from', 'to'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

/**
 * `from`/`to` take a calendar date (a whole Stockholm day, both ends included) or an ISO
 * timestamp (that instant).
 */
function timeBound(
  filter: ListQuery['filter'],
  key: 'from' | 'to',
  p: (v: unknown) => string,
): string | undefined {
  const value = filterString(filter, key);
  if (value === undefined) return undefined;
  if (DATE.test(value) && !Number.isNaN(Date.parse(value))) {
    return key === 'from'
      ? `e.at >= (${p(value)}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`
      : `e.at < ((${p(value)}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) {
    return `e.at ${key === 'from' ? '>=' : '<='} ${p(new Date(value))}`;
  }
  throw bad(`Filtret ${key} måste vara ett datum (ÅÅÅÅ-MM-DD) eller en tidpunkt.`);
}

function whereClauses(filter: ListQuery['filter'], values: unknown[]): string[] {
  const p = (value: unknown) => `$${values.push(value)}`;
  const unknown = Object.keys(filter).filter((key) => !FILTERS.includes(key));
  if (unknown.length) throw bad(`Det går inte att filtrera på ${unknown.join(', ')}.`);
  const where: string[] = [];
  const ids = filter.id === undefined ? undefined : [filter.id].flat();
  if (ids) {
    if (
      !ids.every((id) => (typeof id === 'string' || typeof id === 'number') && /^\d{1,18}$/.test(String(id)))
    ) {
      throw bad('Filtret id måste vara händelsenummer.');
    }
    where.push(`e.id = ANY(${p(ids.map(String))}::bigint[])`);
  }
  const actorId = filterString(filter, 'actorId');
  if (actorId) {
    if (!isUuid(actorId)) throw bad('Filtret actorId måste vara ett giltigt id.');
    where.push(`e.actor_id = ${p(actorId)}`);
  }
  for (const [key, column] of [
    ['entityType', 'e.entity_type'],
    ['entityId', 'e.entity_id'],
    ['action', 'e.action'],
  ] as const) {
    const value = filterString(filter, key);
    if (value) where.push(`${column} = ${p(value)}`);
  }
  for (const key of ['from', 'to'] as const) {
    const clause = timeBound(filter, key, p);
    if (clause) where.push(clause);
  }
  return where;
}

export async function listAuditEvents(
  db: DataSource,
  raw: RawListQuery,
): Promise<{ items: AuditEventView[]; offset: number; total: number }> {
  const query = parseListQuery(raw, SORTABLE, ['at', 'DESC']);
  const values: unknown[] = [];
  const where = whereClauses(query.filter, values);
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [{ total }] = await db.query<{ total: number }[]>(
    `SELECT count(*)::int AS total FROM audit_event e ${whereSql}`,
    values,
  );
  const items = await db.query<AuditEventView[]>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_event e ${whereSql}
      ORDER BY ${query.sortSql} NULLS LAST, e.id ${query.sortOrder}
      LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
    [...values, query.limit, query.offset],
  );
  return { items, offset: query.offset, total };
}

export async function findAuditEvent(db: DataSource, id: string): Promise<AuditEventView | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rows = await db.query<AuditEventView[]>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_event e WHERE e.id = $1`,
    [id],
  );
  return rows[0];
}
