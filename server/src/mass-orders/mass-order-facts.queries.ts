import type { DataSource, EntityManager } from 'typeorm';
import { activeSql } from '../common/sql.js';
import type { EndUserFacts } from '../orders/order-facts.queries.js';
import type { OrderType } from '../orders/order.types.js';

type Db = DataSource | EntityManager;

/** What the placing rules need of one person, for one assignment. */
export interface PersonFacts extends EndUserFacts {
  email: string | null;
  /** Holds the assignment today. */
  holds: boolean;
  /** The type of an open order line of the assignment for the person, if any. */
  pending: OrderType | null;
}

/**
 * The facts of every named person in one statement: a send of a thousand is checked with one
 * round trip, each EXISTS served by the person's own index (engagements, held assignments, the
 * pending-line index).
 */
export async function personFacts(
  db: Db,
  assignmentId: string,
  personIds: readonly string[],
  today: string,
): Promise<Map<string, PersonFacts>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<PersonFacts[]>(
    `SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName", p.email,
            EXISTS (SELECT 1 FROM engagement e WHERE e.person_id = p.id AND ${activeSql('e', '$3')})
              AS "hasActiveEngagement",
            EXISTS (SELECT 1 FROM engagement e
                      JOIN care_unit cu ON cu.id = e.care_unit_id
                      JOIN administration a ON a.id = cu.administration_id
                      JOIN care_provider cp ON cp.id = a.care_provider_id
                     WHERE e.person_id = p.id AND cp.kind = 'PRIVATE' AND ${activeSql('e', '$3')})
              AS "privateProvider",
            EXISTS (SELECT 1 FROM held_assignment h
                     WHERE h.person_id = p.id AND h.assignment_id = $2 AND ${activeSql('h', '$3')}) AS holds,
            (SELECT i.type FROM vmu_order_item i
              WHERE i.end_user_id = p.id AND i.assignment_id = $2 AND i.status = 'PENDING') AS pending
       FROM person p WHERE p.id = ANY($1::uuid[])`,
    [[...personIds], assignmentId, today],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
