import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { filterIds, filterString, type ListQuery } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import { nameSearch, SqlParams } from '../common/sql.js';
import {
  type DelegationEventItem,
  type DelegationItem,
  type DelegationStatus,
  rightsOf,
  STATUSES,
  statusOf,
} from './delegation.types.js';

type Db = DataSource | EntityManager;

export const SORTABLE: Record<string, string> = {
  validFrom: 'd.valid_from',
  delegateName: 'dp.last_name, dp.first_name',
  careUnitName: 'cu.name',
  validTo: 'd.valid_to',
  createdAt: 'd.created_at',
};

const FILTERS = ['q', 'delegateId', 'careUnitId', 'grantorId', 'status', 'id'];

const SELECT = `
  d.id, d.delegate_id AS "delegateId", dp.first_name || ' ' || dp.last_name AS "delegateName",
  dp.user_id AS "delegateUserId", d.care_unit_id AS "careUnitId", cu.name AS "careUnitName",
  d.grantor_id AS "grantorId", gp.first_name || ' ' || gp.last_name AS "grantorName",
  d.may_order AS "mayOrder", d.may_attest AS "mayAttest", d.valid_from AS "validFrom", d.valid_to AS "validTo",
  d.revoked_at AS "revokedAt", rp.first_name || ' ' || rp.last_name AS "revokedByName",
  d.created_at AS "createdAt", d.updated_at AS "updatedAt",
  COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', a.name) ORDER BY a.name)
              FROM delegation_assignment da JOIN assignment a ON a.id = da.assignment_id
             WHERE da.delegation_id = d.id), '[]') AS "assignments"`;

const FROM = `
  delegation d
  JOIN person dp ON dp.id = d.delegate_id
  JOIN person gp ON gp.id = d.grantor_id
  JOIN care_unit cu ON cu.id = d.care_unit_id
  LEFT JOIN person rp ON rp.id = d.revoked_by_id`;

interface Row extends Omit<DelegationItem, 'rights' | 'assignmentIds' | 'assignmentNames' | 'status'> {
  mayOrder: boolean;
  mayAttest: boolean;
  assignments: { id: string; name: string }[];
}

function toItem(row: Row, today: string): DelegationItem {
  const { mayOrder, mayAttest, assignments, ...rest } = row;
  return {
    ...rest,
    rights: rightsOf(mayOrder, mayAttest),
    assignmentIds: assignments.map((a) => a.id),
    assignmentNames: assignments.map((a) => a.name),
    status: statusOf(row, today),
  };
}

/** SQL for one status, the same rule as statusOf(). */
function statusSql(status: DelegationStatus, todayParam: () => string): string {
  if (status === 'REVOKED') return 'd.revoked_at IS NOT NULL';
  const today = todayParam();
  switch (status) {
    case 'FUTURE':
      return `d.revoked_at IS NULL AND d.valid_from > ${today}::date`;
    case 'ENDED':
      return `d.revoked_at IS NULL AND d.valid_from <= ${today}::date AND d.valid_to < ${today}::date`;
    case 'ACTIVE':
      return `d.revoked_at IS NULL AND d.valid_from <= ${today}::date AND (d.valid_to IS NULL OR d.valid_to >= ${today}::date)`;
  }
}

/** Whose delegations a reader may see: all, or those of the units they head plus their own. */
export interface Visibility {
  all: boolean;
  careUnitIds: string[];
  delegateId: string;
}

function visibilitySql(v: Visibility, p: SqlParams): string | undefined {
  if (v.all) return undefined;
  return `(d.care_unit_id = ANY(${p.add(v.careUnitIds)}::uuid[]) OR d.delegate_id = ${p.add(v.delegateId)})`;
}

function filterSql(filter: Record<string, unknown>, p: SqlParams, today: string): string[] {
  const unknown = Object.keys(filter).filter((key) => !FILTERS.includes(key));
  if (unknown.length > 0) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Det går inte att filtrera på ${unknown.join(', ')}.`,
    );
  }
  const where: string[] = [];
  const q = nameSearch(
    ['dp.first_name', 'dp.last_name', 'dp.user_id', 'cu.name'],
    filterString(filter, 'q'),
    p,
  );
  if (q) where.push(q);
  for (const [key, column] of [
    ['id', 'd.id'],
    ['delegateId', 'd.delegate_id'],
    ['careUnitId', 'd.care_unit_id'],
    ['grantorId', 'd.grantor_id'],
  ] as const) {
    const ids = filterIds(filter, key);
    if (ids) where.push(`${column} = ANY(${p.add(ids)}::uuid[])`);
  }
  const status = filterString(filter, 'status');
  if (status !== undefined) {
    if (!(STATUSES as readonly string[]).includes(status)) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'bad-list-query',
        `Filtret status måste vara något av ${STATUSES.join(', ')}.`,
      );
    }
    where.push(statusSql(status as DelegationStatus, () => p.add(today)));
  }
  return where;
}

export async function listDelegations(
  db: Db,
  query: ListQuery & { sortSql: string },
  visibility: Visibility,
  today: string,
): Promise<{ items: DelegationItem[]; total: number }> {
  const p = new SqlParams();
  const where = filterSql(query.filter, p, today);
  const visible = visibilitySql(visibility, p);
  if (visible) where.push(visible);
  const whereSql = where.length ? `WHERE ${where.map((c) => `(${c})`).join(' AND ')}` : '';
  const [{ total }] = await db.query<{ total: number }[]>(
    `SELECT count(*)::int AS total FROM ${FROM} ${whereSql}`,
    p.values,
  );
  const rows = await db.query<Row[]>(
    `SELECT ${SELECT} FROM ${FROM} ${whereSql}
      ORDER BY ${query.sortSql}, d.id LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
    p.values,
  );
  return { items: rows.map((row) => toItem(row, today)), total };
}

export async function findDelegation(db: Db, id: string, today: string): Promise<DelegationItem | undefined> {
  const rows = await db.query<Row[]>(`SELECT ${SELECT} FROM ${FROM} WHERE d.id = $1`, [id]);
  return rows[0] ? toItem(rows[0], today) : undefined;
}

export async function delegationEvents(db: Db, id: string): Promise<DelegationEventItem[]> {
  return db.query<DelegationEventItem[]>(
    `SELECT e.id, e.at, p.first_name || ' ' || p.last_name AS "actorName", e.action, e.before, e.after
       FROM delegation_event e JOIN person p ON p.id = e.actor_id
      WHERE e.delegation_id = $1 ORDER BY e.at, e.id`,
    [id],
  );
}
