import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { filterString, type RawListQuery } from '../common/list-query.js';
import { isCalendarDate } from '../common/field-rules.js';
import { ProblemException } from '../common/problem.js';
import { type FilterSql, type Page, type SearchSpec, searchRows } from '../common/sql.js';
import { AUDIT_COLUMNS, type AuditEventView } from './audit.service.js';
import { isUuid } from '../common/uuid.js';

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

/** Event numbers: one or a list (react-admin's getMany sends `id: [...]`). */
const eventIds: FilterSql = (filter, key, p) => {
  if (filter[key] === undefined) return undefined;
  const ids = [filter[key]].flat();
  if (
    !ids.every((id) => (typeof id === 'string' || typeof id === 'number') && /^\d{1,18}$/.test(String(id)))
  ) {
    throw bad('Filtret id måste vara händelsenummer.');
  }
  return `e.id = ANY(${p.add(ids.map(String))}::bigint[])`;
};

const actorFilter: FilterSql = (filter, key, p) => {
  const actorId = filterString(filter, key);
  if (!actorId) return undefined;
  if (!isUuid(actorId)) throw bad('Filtret actorId måste vara ett giltigt id.');
  return `e.actor_id = ${p.add(actorId)}`;
};

const equals =
  (column: string): FilterSql =>
  (filter, key, p) => {
    const value = filterString(filter, key);
    return value ? `${column} = ${p.add(value)}` : undefined;
  };

/**
 * `from`/`to` take a calendar date (a whole Stockholm day, both ends included) or an ISO
 * timestamp (that instant).
 */
const timeBound =
  (side: 'from' | 'to'): FilterSql =>
  (filter, key, p) => {
    const value = filterString(filter, key);
    if (value === undefined) return undefined;
    if (isCalendarDate(value)) {
      return side === 'from'
        ? `e.at >= (${p.add(value)}::date)::timestamp AT TIME ZONE 'Europe/Stockholm'`
        : `e.at < ((${p.add(value)}::date + 1)::timestamp AT TIME ZONE 'Europe/Stockholm')`;
    }
    // A moment's day must exist too: Date.parse takes 2026-02-30T… as 2 March.
    if (
      /^\d{4}-\d{2}-\d{2}T/.test(value) &&
      isCalendarDate(value.slice(0, 10)) &&
      !Number.isNaN(Date.parse(value))
    ) {
      return `e.at ${side === 'from' ? '>=' : '<='} ${p.add(new Date(value))}`;
    }
    throw bad(`Filtret ${key} måste vara ett datum (ÅÅÅÅ-MM-DD) eller en tidpunkt.`);
  };

/**
 * The audit log as administrators list it, newest first. A log of millions of events: listed by
 * searchRows, so a page reads only its own rows through an index and the total is counted apart.
 * It sorts by time or by event number only, each way, with the event number breaking ties the
 * sort's way: `(at, id)` is the index audit_event_at_idx, and every filter (action, entity type,
 * entity id, actor) is an equality in front of that same order in an index of its own
 * (migrations/…-AuditCheckpoints.ts). Sorting millions of events by action or actor would be a
 * sort of them all; the filters do that job.
 */
export const AUDIT_LIST: SearchSpec = {
  resource: 'audit-events',
  select: AUDIT_COLUMNS,
  from: 'audit_event e',
  idColumn: 'e.id',
  filters: {
    id: eventIds,
    entityType: equals('e.entity_type'),
    entityId: equals('e.entity_id'),
    actorId: actorFilter,
    action: equals('e.action'),
    from: timeBound('from'),
    to: timeBound('to'),
  },
  sortable: {
    at: 'e.at',
    id: 'e.id',
  },
  defaultSort: ['at', 'DESC'],
  tieBreak: 'e.id',
  tieBreakFollowsSort: true,
};

export function listAuditEvents(db: DataSource, raw: RawListQuery): Promise<Page<AuditEventView>> {
  // No filter of the audit log depends on the day: its times are instants.
  return searchRows<AuditEventView>(db, AUDIT_LIST, raw, { today: '' });
}

export async function findAuditEvent(db: DataSource, id: string): Promise<AuditEventView | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rows = await db.query<AuditEventView[]>(
    `SELECT ${AUDIT_COLUMNS} FROM audit_event e WHERE e.id = $1`,
    [id],
  );
  return rows[0];
}
