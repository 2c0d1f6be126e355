import type { DataSource, EntityManager } from 'typeorm';
import type { EndUserFacts } from '../directory/directory.facts.js';
import {
  activeEngagementUnitsSql,
  fromPersons,
  hasActiveEngagementSql,
  holdsAssignmentSql,
  personEmailSql,
  personFirstNameSql,
  personActiveSql,
  personLastNameSql,
  personUserIdSql,
  worksForPrivateProviderSql,
} from '../directory/directory.reads.js';
import type { OrderType } from '../orders/order.types.js';
import { openLineTypeSql } from '../orders/orders.reads.js';

type Db = DataSource | EntityManager;

/** What the placing rules need of one person, for one assignment. */
export interface PersonFacts extends EndUserFacts {
  email: string | null;
  /** Holds the assignment today. */
  holds: boolean;
  /** The type of an open order line of the assignment for the person, if any. */
  pending: OrderType | null;
  /** The care units of the person's engagements active today (rule 2d, Engagement elsewhere is a warning). */
  engagedUnitIds: string[];
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
    `SELECT p.id, ${personUserIdSql('p')} AS "userId", ${personFirstNameSql('p')} AS "firstName",
            ${personLastNameSql('p')} AS "lastName", ${personEmailSql('p')} AS email,
            ${hasActiveEngagementSql('p.id', '$3')} AS "hasActiveEngagement",
            ${worksForPrivateProviderSql('p.id', '$3')} AS "privateProvider", ${personActiveSql('p')} AS active,
            ${holdsAssignmentSql('p.id', '$2', '$3')} AS holds,
            ${openLineTypeSql('p.id', '$2')} AS pending,
            ${activeEngagementUnitsSql('p.id', '$3')} AS "engagedUnitIds"
       FROM ${fromPersons('p')} WHERE p.id = ANY($1::uuid[])`,
    [[...personIds], assignmentId, today],
  );
  return new Map(rows.map((r) => [r.id, r]));
}
