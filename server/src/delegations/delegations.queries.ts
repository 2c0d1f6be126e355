import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { filterString } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import {
  type FilterSql,
  findRow,
  idFilter,
  joinedFrom,
  likeEscape,
  type ListSpec,
  searchTokens,
} from '../common/sql.js';
import {
  assignmentNameSql,
  careUnitNameSql,
  careUnitsNamedSql,
  fromPersons,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  leftJoinPerson,
  personNameOrderSql,
  personNameSql,
  personNameStartsSql,
  personUserIdStartsSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import {
  accessAreaNameSql,
  accessOperationNameSql,
  accessOperationsNamedSql,
  leftJoinAccessAreaOf,
  leftJoinAccessOperation,
} from '../access-catalogue/operation.reads.js';
import {
  type DelegationItem,
  type DelegationStatus,
  rightsOf,
  STATUSES,
  statusOf,
} from './delegation.types.js';
import { activeDelegationSql } from './delegations.reads.js';

type Db = DataSource | EntityManager;

const SELECT = `
  d.id, d.delegate_id AS "delegateId", ${personNameSql('dp')} AS "delegateName",
  ${personUserIdSql('dp')} AS "delegateUserId", d.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
  d.access_operation_id AS "accessOperationId", ${accessOperationNameSql('ao')} AS "accessOperationName",
  ${accessAreaNameSql('aa')} AS "areaName",
  d.grantor_id AS "grantorId", ${personNameSql('gp')} AS "grantorName",
  d.may_order AS "mayOrder", d.may_attest AS "mayAttest", d.valid_from AS "validFrom", d.valid_to AS "validTo",
  d.revoked_at AS "revokedAt",
  CASE WHEN d.revoked_by_system THEN 'Systemet (KIV)' ELSE ${personNameSql('rp')} END AS "revokedByName",
  d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

const BASE = 'delegation d';

/**
 * The display joins, by alias: a page's ids are chosen on the delegations alone (common/sql
 * listRows). A delegation is for a care unit or for a verksamhet, so both are left joins (the
 * directory publishes the inner join only; LEFT before it makes it the outer one).
 */
const JOINS = {
  dp: joinPerson('dp', 'd.delegate_id'),
  gp: joinPerson('gp', 'd.grantor_id'),
  cu: `LEFT ${joinCareUnit('cu', 'd.care_unit_id')}`,
  ao: leftJoinAccessOperation('ao', 'd.access_operation_id'),
  aa: leftJoinAccessAreaOf('aa', 'ao'),
  rp: leftJoinPerson('rp', 'd.revoked_by_id'),
};

/**
 * The search box: each word starts the delegate's first or last name (or a later word of one, on
 * the directory's stored folded names), their VGR-ID, or the care unit's name. Nothing is folded
 * per delegation; the units a word names are few and found first by their own indexes. The
 * persons a word names are found one of two ways:
 * - a word of three letters or more names far fewer of a region's persons: they are found first, by
 *   their own indexes, and the delegations looked up in their hashed set (a few ms);
 * - a word of one or two letters ("An") names thousands (14,000 of 60,000): finding and hashing
 *   them took ~25 ms, so instead each delegation walked reads its delegate by id (a scalar
 *   subquery, never hashed): the page walks its date order only until it is full, a count at
 *   most the region's few thousand delegations.
 */
const SHORT_WORD = 3;

const searchFilter: FilterSql = (filter, key, p) =>
  searchTokens(filterString(filter, key))
    .map((token) => {
      const word = p.add(likeEscape(token));
      const named = `${personNameStartsSql('dx', 'firstName', word)} OR ${personNameStartsSql('dx', 'lastName', word)}
        OR ${personUserIdStartsSql('dx', word)}`;
      const delegate =
        token.length < SHORT_WORD
          ? `(SELECT ${named} FROM ${fromPersons('dx')} WHERE dx.id = d.delegate_id)`
          : `d.delegate_id IN (SELECT dx.id FROM ${fromPersons('dx')} WHERE ${named})`;
      return `(${delegate}
        OR d.care_unit_id IN (${careUnitsNamedSql(word)})
        OR d.access_operation_id IN (${accessOperationsNamedSql(word)}))`;
    })
    .join(' AND ') || undefined;

/** The delegation's assignments, read for the rows of the page only. */
const ASSIGNMENTS = `
  COALESCE((SELECT json_agg(json_build_object('id', a.id, 'name', ${assignmentNameSql('a')})
                            ORDER BY ${assignmentNameSql('a')})
              FROM delegation_assignment da ${joinAssignment('a', 'da.assignment_id')}
             WHERE da.delegation_id = page.id), '[]') AS "assignments"`;

export interface DelegationRow extends Omit<
  DelegationItem,
  'rights' | 'assignmentIds' | 'assignmentNames' | 'status'
> {
  mayOrder: boolean;
  mayAttest: boolean;
  assignments: { id: string; name: string }[];
}

export function toItem(row: DelegationRow, today: string): DelegationItem {
  const { mayOrder, mayAttest, assignments, ...rest } = row;
  return {
    ...rest,
    rights: rightsOf(mayOrder, mayAttest),
    assignmentIds: assignments.map((a) => a.id),
    assignmentNames: assignments.map((a) => a.name),
    status: statusOf(row, today),
  };
}

/** SQL for one status, the same rule as statusOf(); `todayParam` only when the status needs it. */
function statusSql(status: DelegationStatus, todayParam: () => string): string {
  if (status === 'REVOKED') return 'd.revoked_at IS NOT NULL';
  const today = todayParam();
  switch (status) {
    case 'FUTURE':
      return `d.revoked_at IS NULL AND d.valid_from > ${today}::date`;
    case 'ENDED':
      return `d.revoked_at IS NULL AND d.valid_from <= ${today}::date AND d.valid_to < ${today}::date`;
    case 'ACTIVE':
      return activeDelegationSql('d', today);
  }
}

const statusFilter: FilterSql = (filter, key, p, ctx) => {
  const status = filterString(filter, key);
  if (status === undefined) return undefined;
  if (!(STATUSES as readonly string[]).includes(status)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Filtret ${key} måste vara något av ${STATUSES.join(', ')}.`,
    );
  }
  return statusSql(status as DelegationStatus, () => p.add(ctx.today));
};

/** What a delegation is for: UNIT (a care unit) or OPERATION (a verksamhet). */
export const TARGETS = ['UNIT', 'OPERATION'] as const;

const targetFilter: FilterSql = (filter, key) => {
  const target = filterString(filter, key);
  if (target === undefined) return undefined;
  if (!(TARGETS as readonly string[]).includes(target)) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Filtret ${key} måste vara något av ${TARGETS.join(', ')}.`,
    );
  }
  return target === 'UNIT' ? 'd.care_unit_id IS NOT NULL' : 'd.access_operation_id IS NOT NULL';
};

/** Whose delegations a reader may see: all, or those of the units and verksamheter they head plus their own. */
export interface Visibility {
  all: boolean;
  careUnitIds: string[];
  operationIds: string[];
  delegateId: string;
}

/**
 * The delegations as this reader may list them (docs/api-contract-auth.md, Delegations); without
 * a reader, all of them.
 */
export function delegationListSpec(visibility?: Visibility): ListSpec {
  return {
    resource: 'delegations',
    select: SELECT,
    from: joinedFrom(BASE, JOINS),
    base: BASE,
    joins: JOINS,
    idColumn: 'd.id',
    late: () => ASSIGNMENTS,
    filters: {
      q: searchFilter,
      id: idFilter('d.id'),
      delegateId: idFilter('d.delegate_id'),
      careUnitId: idFilter('d.care_unit_id'),
      accessOperationId: idFilter('d.access_operation_id'),
      target: targetFilter,
      grantorId: idFilter('d.grantor_id'),
      status: statusFilter,
    },
    visible: (p) =>
      !visibility || visibility.all
        ? undefined
        : `d.care_unit_id = ANY(${p.add(visibility.careUnitIds)}::uuid[])
           OR d.access_operation_id = ANY(${p.add(visibility.operationIds)}::uuid[])
           OR d.delegate_id = ${p.add(visibility.delegateId)}`,
    sortable: {
      validFrom: 'd.valid_from',
      delegateName: personNameOrderSql('dp'),
      careUnitName: careUnitNameSql('cu'),
      accessOperationName: accessOperationNameSql('ao'),
      validTo: 'd.valid_to',
      createdAt: 'd.created_at',
    },
    defaultSort: ['validFrom', 'DESC'],
    // A verksamhet's delegation has no care unit, a unit's no verksamhet.
    nullsLast: ['careUnitName', 'accessOperationName'],
    tieBreak: 'd.id',
  };
}

/** Any delegation by id (whoever may see it), or undefined. */
export async function findDelegation(db: Db, id: string, today: string): Promise<DelegationItem | undefined> {
  const row = await findRow<DelegationRow>(db, delegationListSpec(), id, { today });
  return row ? toItem(row, today) : undefined;
}
