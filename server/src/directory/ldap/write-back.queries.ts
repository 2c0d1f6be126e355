import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Prop } from '../../common/api-schema.js';
import { filterString, type RawListQuery } from '../../common/list-query.js';
import { ProblemException } from '../../common/problem.js';
import {
  type FilterSql,
  idFilter,
  likeEscape,
  type Page,
  type SearchSpec,
  searchRows,
} from '../../common/sql.js';
import { assignmentNameSql, careUnitNameSql, personNameWithUserIdSql } from '../directory.reads.js';
import {
  LDAP_WRITE_OUTCOMES,
  LDAP_WRITE_STATUSES,
  type LdapWriteOutcome,
  type LdapWriteStatus,
} from './write-back.js';

/**
 * A write back to KIV as administrators list it ("KIV-skrivningar"): above all those that kept
 * failing (FAILED), with the LDAP error, to retry. A class only for the OpenAPI description.
 */
export class LdapWriteItem {
  @Prop.id() id!: string;
  @Prop.id({ nullable: true, description: 'The order waiting for the write (completed once KIV has it).' })
  orderId!: string | null;
  @Prop.oneOf(['GRANT', 'REVOKE', 'GRANT_ENDED'], 'LdapWriteReason') reason!: string;
  @Prop.oneOf(['ADD', 'REMOVE'], 'LdapWriteOperation') operation!: string;
  @Prop.id() personId!: string;
  @Prop.text() personName!: string;
  @Prop.text() personHsaId!: string;
  @Prop.id() assignmentId!: string;
  @Prop.text() assignmentName!: string;
  @Prop.text() commissionHsaId!: string;
  @Prop.text() careUnitName!: string;
  @Prop.oneOf(LDAP_WRITE_STATUSES, 'LdapWriteStatus') status!: LdapWriteStatus;
  @Prop.oneOf(LDAP_WRITE_OUTCOMES, 'LdapWriteOutcome', { nullable: true }) outcome!: LdapWriteOutcome | null;
  @Prop.int() attempts!: number;
  @Prop.dateTime() nextAttemptAt!: Date;
  @Prop.text({ nullable: true }) lastError!: string | null;
  @Prop.dateTime() createdAt!: Date;
  @Prop.dateTime({ nullable: true }) doneAt!: Date | null;
}

const COLUMNS = `w.id, w.order_id AS "orderId", w.reason, w.operation, w.person_id AS "personId",
  ${personNameWithUserIdSql('p')} AS "personName", p.hsa_id AS "personHsaId",
  w.assignment_id AS "assignmentId", ${assignmentNameSql('a')} AS "assignmentName",
  a.hsa_id AS "commissionHsaId", ${careUnitNameSql('cu')} AS "careUnitName", w.status, w.outcome,
  w.attempts, w.next_attempt_at AS "nextAttemptAt", w.last_error AS "lastError",
  w.created_at AS "createdAt", w.done_at AS "doneAt"`;

const bad = (detail: string) => new ProblemException(HttpStatus.BAD_REQUEST, 'bad-list-query', detail);

const statusFilter: FilterSql = (filter, key, p) => {
  const value = filter[key];
  if (value === undefined || value === '') return undefined;
  const statuses = [value].flat();
  if (!statuses.every((s) => (LDAP_WRITE_STATUSES as readonly unknown[]).includes(s))) {
    throw bad(`Filtret ${key} måste vara något av ${LDAP_WRITE_STATUSES.join(', ')}.`);
  }
  return `w.status = ANY(${p.add(statuses)}::varchar[])`;
};

/** A name, VGR-ID or HSA-id of the person, or the commission's HSA-id or name. */
const textFilter: FilterSql = (filter, key, p) => {
  const q = filterString(filter, key);
  if (!q) return undefined;
  const word = p.add(`%${likeEscape(q.trim())}%`);
  return `(${personNameWithUserIdSql('p')} ILIKE ${word} OR p.hsa_id ILIKE ${word}
           OR a.hsa_id ILIKE ${word} OR ${assignmentNameSql('a')} ILIKE ${word})`;
};

export const LDAP_WRITE_LIST: SearchSpec = {
  resource: 'ldap-writes',
  select: COLUMNS,
  from: `ldap_write w
    JOIN person p ON p.id = w.person_id
    JOIN assignment a ON a.id = w.assignment_id
    JOIN care_unit cu ON cu.id = a.care_unit_id`,
  idColumn: 'w.id',
  filters: {
    id: idFilter('w.id'),
    status: statusFilter,
    orderId: idFilter('w.order_id'),
    personId: idFilter('w.person_id'),
    q: textFilter,
  },
  sortable: {
    createdAt: 'w.created_at',
    nextAttemptAt: 'w.next_attempt_at',
    doneAt: 'w.done_at',
    status: 'w.status',
    attempts: 'w.attempts',
  },
  defaultSort: ['createdAt', 'DESC'],
  tieBreak: 'w.seq',
  nullsLast: ['doneAt'],
};

export function listLdapWrites(db: DataSource, raw: RawListQuery): Promise<Page<LdapWriteItem>> {
  return searchRows<LdapWriteItem>(db, LDAP_WRITE_LIST, raw, { today: '' });
}

export async function findLdapWrite(db: DataSource, id: string): Promise<LdapWriteItem | undefined> {
  const rows = await db.query<LdapWriteItem[]>(
    `SELECT ${COLUMNS} FROM ${LDAP_WRITE_LIST.from} WHERE w.id = $1`,
    [id],
  );
  return rows[0];
}
