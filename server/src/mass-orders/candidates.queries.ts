import { HttpStatus } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { filterString, parseListQuery, type RawListQuery } from '../common/list-query.js';
import { ProblemException } from '../common/problem.js';
import { maskPersonnummer } from '../common/personnummer.js';
import { activeSql, likeEscape, type Page, SqlParams } from '../common/sql.js';
import type { Candidate } from './mass-order.types.js';
import {
  freeText,
  organisationSql,
  SORTABLE,
  startsColumn,
  startsName,
  TIE_BREAK,
} from './people.queries.js';

/** The seed form's fields: each given one must match. */
export const CANDIDATE_FILTERS = ['firstName', 'lastName', 'userId', 'organisation', 'q'] as const;

/** The conditions of a search, written with `p`'s parameters (once for the page, once for the count). */
function conditions(filter: Record<string, unknown>, today: string, p: SqlParams): string[] {
  const text = (key: string) => filterString(filter, key)?.trim() || undefined;
  const where: string[] = [];
  const firstName = text('firstName');
  if (firstName) where.push(startsName('first_name', p.add(likeEscape(firstName))));
  const lastName = text('lastName');
  if (lastName) where.push(startsName('last_name', p.add(likeEscape(lastName))));
  const userId = text('userId');
  if (userId) where.push(`lower(p.user_id) LIKE lower(${p.add(likeEscape(userId))}) || '%'`);
  const organisation = text('organisation');
  if (organisation) {
    const org = p.add(likeEscape(organisation));
    where.push(`p.id IN (
      SELECT e.person_id FROM engagement e
       WHERE ${activeSql('e', p.add(today))} AND e.care_unit_id IN (
         SELECT cu.id FROM care_unit cu WHERE ${startsColumn('cu.name', org)}
         UNION
         SELECT cu.id FROM care_unit cu JOIN administration a ON a.id = cu.administration_id
          WHERE ${startsColumn('a.name', org)}))`);
  }
  where.push(...freeText(text('q'), p));
  return where;
}

/**
 * People to add: searched by first name, last name, VGR-ID and organisation (the care unit or
 * administration of an active engagement) as the seed's form has them, each field matched as
 * one phrase ("Linda Maria", "Vårdcentralen Sol"); `q` is the persons list's free text.
 *
 * The page and the total are two statements, run side by side: counting along with the page
 * (count(*) OVER) would sort every hit in Swedish order — 18,000 for an administration — where
 * the page alone needs only the first few, by a top-N sort or by the name index. The marks for
 * the assignment are computed for the page only.
 */
export async function candidatesFor(
  db: DataSource,
  assignmentId: string,
  raw: RawListQuery,
  today: string,
): Promise<Page<Candidate>> {
  const query = parseListQuery(raw, SORTABLE, ['lastName', 'ASC']);
  const unknown = Object.keys(query.filter).filter(
    (key) => !(CANDIDATE_FILTERS as readonly string[]).includes(key),
  );
  if (unknown.length > 0) {
    throw new ProblemException(
      HttpStatus.BAD_REQUEST,
      'bad-list-query',
      `Det går inte att filtrera på ${unknown.join(', ')}.`,
    );
  }
  const p = new SqlParams();
  const where = conditions(query.filter, today, p);
  if (where.length === 0) return { items: [], offset: query.offset, total: 0 };
  const counted = new SqlParams();
  const countSql = `SELECT count(*)::int AS total FROM person p WHERE ${conditions(query.filter, today, counted).join(' AND ')}`;

  const order = `${query.sortSql}, ${TIE_BREAK}`;
  // Hits of a last-name prefix lie together in name order, but the planner takes them for spread
  // out and would walk the name index from A to find the first fifty "Jo…": there a sort of the
  // hits (found by the folded-name index) is far cheaper. `|| ''` keeps the index out of it.
  const clustered = filterString(query.filter, 'lastName') || filterString(query.filter, 'q');
  const innerOrder = clustered
    ? order.replace(/p\.(last|first)_name COLLATE/g, "(p.$1_name || '') COLLATE")
    : order;
  const day = p.add(today);
  const asg = p.add(assignmentId);
  const pageSql = `
    SELECT page.id, page.user_id AS "userId", page.first_name AS "firstName", page.last_name AS "lastName",
           page.personnummer, ${organisationSql(day)} AS organisation,
           EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = page.id AND ${activeSql('e', day)})
             AS "hasActiveEngagement",
           EXISTS (SELECT 1 FROM held_assignment h
                    WHERE h.person_id = page.id AND h.assignment_id = ${asg} AND ${activeSql('h', day)}) AS holds,
           (SELECT i.type FROM vmu_order_item i
             WHERE i.end_user_id = page.id AND i.assignment_id = ${asg} AND i.status = 'PENDING') AS pending
      FROM (
        SELECT p.id, p.user_id, p.first_name, p.last_name, p.personnummer FROM person p
         WHERE ${where.join(' AND ')}
         ORDER BY ${innerOrder} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}
      ) AS page
     ORDER BY ${order.replace(/\bp\./g, 'page.')}`;
  const [rows, [{ total }]] = await Promise.all([
    db.query<Candidate[]>(pageSql, p.values),
    db.query<{ total: number }[]>(countSql, counted.values),
  ]);
  return {
    offset: query.offset,
    total,
    items: rows.map((row) => ({ ...row, personnummer: maskPersonnummer(row.personnummer) })),
  };
}
