import type { DataSource } from 'typeorm';
import { filterString, parseListQuery, type RawListQuery } from '../common/list-query.js';
import { maskPersonnummer } from '../common/personnummer.js';
import {
  activeSql,
  foldedPrefix,
  foldedWordPrefix,
  likeEscape,
  type Page,
  searchTokens,
  SqlParams,
} from '../common/sql.js';
import type { OrderType } from '../orders/order.types.js';
import type { Candidate, Member, MemberStatus } from './mass-order.types.js';

export const SORTABLE = {
  lastName: 'p.last_name COLLATE beh_sv',
  firstName: 'p.first_name COLLATE beh_sv',
  userId: 'p.user_id',
};
export const TIE_BREAK = 'p.last_name COLLATE beh_sv, p.first_name COLLATE beh_sv, p.id';

/** The text starts the column, or a later word of it (case- and accent-insensitive). */
export const startsColumn = (column: string, param: string) =>
  `(${foldedPrefix(column, param)} OR ${foldedWordPrefix(column, param)})`;

/**
 * The same for a person's name, on its stored folded form (migration …-MassOrders): folding
 * every candidate row again costs more than the rest of a search. A later word can only start
 * after a space, so that branch reads only the few names that have one (a partial index).
 */
export const startsName = (column: 'first_name' | 'last_name', param: string) =>
  `(p.${column}_fold LIKE beh_fold(${param}) || '%'
    OR (p.${column}_fold LIKE '% %' AND p.${column}_fold LIKE '% ' || beh_fold(${param}) || '%'))`;

/** Each word of `q` starts a name or the VGR-ID. */
export function freeText(q: string | undefined, p: SqlParams): string[] {
  return searchTokens(q).map((token) => {
    const word = p.add(likeEscape(token));
    return `(${startsName('first_name', word)} OR ${startsName('last_name', word)}
      OR lower(p.user_id) LIKE lower(${word}) || '%')`;
  });
}

/** Names of the care units of the person's active engagements, as GET /api/persons gives them. */
export const organisationSql = (today: string) =>
  `COALESCE((SELECT string_agg(DISTINCT cu.name::text COLLATE beh_sv, ', ' ORDER BY cu.name::text COLLATE beh_sv)
     FROM engagement e JOIN care_unit cu ON cu.id = e.care_unit_id
    WHERE e.person_id = page.id AND ${activeSql('e', today)}), '')`;

interface Counted {
  __total: number;
  __n?: number;
}

async function paged<T extends { personnummer: string | null }>(
  db: DataSource,
  sql: (order: string, limit: string, offset: string) => string,
  p: SqlParams,
  query: { sortSql: string; limit: number; offset: number },
): Promise<Page<T>> {
  const order = `${query.sortSql}, ${TIE_BREAK}`;
  const rows = await db.query<(T & Counted)[]>(sql(order, p.add(query.limit), p.add(query.offset)), p.values);
  return {
    offset: query.offset,
    // A page past the end reports no total; the lists here are browsed from the start.
    total: rows[0]?.__total ?? 0,
    items: rows.map(({ __total: _total, __n: _n, ...row }) => ({
      ...(row as unknown as T),
      personnummer: maskPersonnummer(row.personnummer),
    })),
  };
}

interface MemberRow extends Omit<Member, 'status' | 'removable' | 'reasonText' | 'pendingRevoke'> {
  pendingType: OrderType | null;
}

/**
 * The members of an assignment: who holds it today, and who has a grant of it waiting. One
 * page at a time, counted, in name order.
 */
export async function membersOf(
  db: DataSource,
  assignmentId: string,
  raw: RawListQuery,
  today: string,
): Promise<Page<MemberRow>> {
  const query = parseListQuery(raw, SORTABLE, ['lastName', 'ASC']);
  const p = new SqlParams();
  const asg = p.add(assignmentId);
  const day = p.add(today);
  const where = freeText(filterString(query.filter, 'q'), p);
  return paged<MemberRow>(
    db,
    (order, limit, offset) => `
      WITH held AS (
        SELECT h.person_id, min(h.valid_from) AS held_from FROM held_assignment h
         WHERE h.assignment_id = ${asg} AND ${activeSql('h', day)} GROUP BY h.person_id
      ), open AS (
        SELECT i.end_user_id AS person_id, i.type, o.order_number
          FROM vmu_order_item i JOIN vmu_order o ON o.id = i.order_id
         WHERE i.assignment_id = ${asg} AND i.status = 'PENDING'
      ), members AS (
        SELECT coalesce(h.person_id, x.person_id) AS person_id, h.held_from, x.type, x.order_number
          FROM held h FULL JOIN open x ON x.person_id = h.person_id
         WHERE h.person_id IS NOT NULL OR x.type = 'GRANT'
      )
      SELECT page.*, ${organisationSql(day)} AS organisation FROM (
        SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName",
               p.personnummer, m.held_from AS "heldFrom", m.type AS "pendingType",
               m.order_number AS "pendingOrderNumber", count(*) OVER ()::int AS "__total",
               row_number() OVER (ORDER BY ${order}) AS "__n"
          FROM members m JOIN person p ON p.id = m.person_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
      ) AS page ORDER BY page."__n"`,
    p,
    query,
  );
}

export const memberStatus = (row: MemberRow): MemberStatus => (row.heldFrom ? 'HOLDING' : 'PENDING_GRANT');

/** The marks of named persons for the assignment, as candidates (the import's answer). */
export async function candidatesByIds(
  db: DataSource,
  assignmentId: string,
  personIds: readonly string[],
  today: string,
): Promise<Map<string, Candidate>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<Candidate[]>(
    `SELECT page.id, page."userId", page."firstName", page."lastName", page.personnummer,
            ${organisationSql('$3')} AS organisation,
            EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = page.id AND ${activeSql('e', '$3')})
              AS "hasActiveEngagement",
            EXISTS (SELECT 1 FROM held_assignment h
                     WHERE h.person_id = page.id AND h.assignment_id = $2 AND ${activeSql('h', '$3')}) AS holds,
            (SELECT i.type FROM vmu_order_item i
              WHERE i.end_user_id = page.id AND i.assignment_id = $2 AND i.status = 'PENDING') AS pending
       FROM (SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName",
                    p.personnummer FROM person p WHERE p.id = ANY($1::uuid[])) AS page`,
    [[...personIds], assignmentId, today],
  );
  return new Map(rows.map((row) => [row.id, { ...row, personnummer: maskPersonnummer(row.personnummer) }]));
}
