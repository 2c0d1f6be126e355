import type { DataSource } from 'typeorm';
import { filterString } from '../common/list-query.js';
import { type FilterSql, type ListSpec, SqlParams } from '../common/sql.js';
import {
  fromPersons,
  hasActiveEngagementSql,
  heldSinceSql,
  holdersSql,
  holdsAssignmentSql,
  personFirstNameSql,
  personLastNameSql,
  personOrganisationSql,
  personPersonnummerSql,
  personSearchOrder,
  personUserIdSql,
  personWordsSql,
} from '../directory/directory.reads.js';
import { type BulkAccess, loggedKeyLookupCtes } from '../directory/person-access-log.js';
import type { OrderType } from '../orders/order.types.js';
import { openLineOrderNumberSql, openLinePersonsSql, openLineTypeSql } from '../orders/orders.reads.js';
import type { Candidate, Member, MemberStatus } from './mass-order.types.js';

/** The person columns of the mass-order lists, of the person row `p` (personnummer still whole). */
export const PERSON_SELECT = `p.id, ${personUserIdSql('p')} AS "userId", ${personFirstNameSql('p')} AS "firstName",
  ${personLastNameSql('p')} AS "lastName", ${personPersonnummerSql('p')} AS personnummer`;

/**
 * The marks of the page's persons (`page.id`) for the assignment: organisation, an active
 * engagement, holding it, an open line of it. Computed for the persons shown only.
 */
export function candidateMarks(assignmentId: string, p: SqlParams, today: string): string {
  const day = p.add(today);
  const asg = p.add(assignmentId);
  return `${personOrganisationSql('page.id', day)} AS organisation,
    ${hasActiveEngagementSql('page.id', day)} AS "hasActiveEngagement",
    ${holdsAssignmentSql('page.id', asg, day)} AS holds,
    ${openLineTypeSql('page.id', asg)} AS pending`;
}

/** `q`: each word starts a name or the VGR-ID. */
export const personWords: FilterSql = (filter, key, p) => {
  const words = personWordsSql('p', filterString(filter, key), p);
  return words.length ? words.join(' AND ') : undefined;
};

export interface MemberRow extends Omit<Member, 'status' | 'removable' | 'reasonText' | 'pendingRevoke'> {
  pendingType: OrderType | null;
}

/**
 * The members of an assignment: who holds it today, and who has a grant of it waiting. One
 * page at a time, counted, in name order; the holding and the open line read for the page only.
 * Persons with a protected identity are listed and searched only when `showProtected`
 * (administrators; docs/domain.md rule 29): to others they are found only by an exact lookup
 * (the import), which is logged.
 */
export function memberList(assignmentId: string, showProtected: boolean): ListSpec {
  const order = personSearchOrder('p');
  return {
    resource: 'members',
    select: PERSON_SELECT,
    from: fromPersons('p'),
    idColumn: 'p.id',
    // The members' ids first, once (an ARRAY of a UNION, each branch by the assignment's own
    // index), then the persons by their primary key. As `IN (…)` the planner took the few hundred
    // members for many and hashed them against a scan of every person (~20 ms on a region).
    visible: (p, ctx) => {
      const asg = p.add(assignmentId);
      const members = `p.id = ANY(ARRAY(${holdersSql(asg, p.add(ctx.today))} UNION ${openLinePersonsSql(asg, 'GRANT')}))`;
      return showProtected ? members : `${members} AND NOT p.protected_identity`;
    },
    late: (p, ctx) => {
      const day = p.add(ctx.today);
      const asg = p.add(assignmentId);
      return `${heldSinceSql('page.id', asg, day)} AS "heldFrom", ${openLineTypeSql('page.id', asg)} AS "pendingType",
        ${openLineOrderNumberSql('page.id', asg)} AS "pendingOrderNumber",
        ${personOrganisationSql('page.id', day)} AS organisation`;
    },
    filters: { q: personWords },
    sortable: order.sortable,
    defaultSort: ['lastName', 'ASC'],
    tieBreak: order.tieBreak,
  };
}

export const memberStatus = (row: MemberRow): MemberStatus => (row.heldFrom ? 'HOLDING' : 'PENDING_GRANT');

/**
 * The import's lookup: the persons the keys name (by VGR-ID or personnummer, a protected identity
 * too: an exact lookup), each once, as candidates for the assignment with their marks, personnummer
 * still whole (the caller matches the keys on it, then masks it). The same statement logs every
 * key as a lookup (loggedKeyLookupCtes), found or not: one round trip, one multi-row INSERT.
 */
export async function importedCandidates(
  db: DataSource,
  assignmentId: string,
  access: BulkAccess,
  today: string,
): Promise<Candidate[]> {
  if (access.keys.length === 0) return [];
  const p = new SqlParams();
  const lookup = loggedKeyLookupCtes(access, p);
  return db.query<Candidate[]>(
    `WITH ${lookup}
     SELECT page.*, ${candidateMarks(assignmentId, p, today)}
       FROM (SELECT ${PERSON_SELECT} FROM ${fromPersons('p')}
              WHERE p.id IN (SELECT f.person_id FROM found f WHERE f.person_id IS NOT NULL)) AS page`,
    p.values,
  );
}
