import type { DataSource, EntityManager } from 'typeorm';

/**
 * A new holding: the person holds the assignment from `validFrom` to `validTo` (the last day held;
 * null: until further notice).
 */
export interface HoldingGrant {
  personId: string;
  assignmentId: string;
  validFrom: string;
  validTo: string | null;
  /** The order carried out (its write back to KIV waits on it; see writesBack). */
  orderId?: string;
}

/** An end of holding: `endsOn` is the first day the person no longer holds the assignment. */
export interface HoldingRevoke {
  personId: string;
  assignmentId: string;
  endsOn: string;
  /** The order carried out (its write back to KIV waits on it; see writesBack). */
  orderId?: string;
}

/** One person's holding of one assignment, named by the two. */
export interface HoldingKey {
  personId: string;
  assignmentId: string;
}

/**
 * Who holds which vårdmedarbetaruppdrag (KIV's hsaCommissionMember): the directory's port through
 * which every other module reads and changes holdings. Today the portal keeps them itself in
 * PostgreSQL (PostgresHoldings); a directory synchronised with LDAP can sit behind the same port
 * without its callers changing. Holdings change only by carrying out an attested order (rule 17,
 * Holdings change only by carrying out an order), never by hand: that order's ORDER_COMPLETED
 * event is the audit record of the change, written by the caller in the same transaction.
 *
 * Writes take the caller's EntityManager so they commit or roll back with the order, and take
 * arrays so that many orders can be carried out in one go. Dates are Stockholm calendar dates
 * (YYYY-MM-DD).
 *
 * With the directory in KIV (DIRECTORY_SOURCE=ldap, issue 15) each change is also written back to
 * the commission's hsaCommissionMember, through an outbox written in the same transaction
 * (ldap/write-back.ts): the change is then confirmed only once KIV has it, and the order that made
 * it is complete only then (writesBack, unconfirmed).
 */
export abstract class DirectoryHoldings {
  /** Gives each person the assignment as the grant says. */
  abstract grant(m: EntityManager, grants: readonly HoldingGrant[]): Promise<void>;

  /**
   * Ends each person's holding of the assignment the day before `endsOn` (rule 16, A revoke's date
   * is the first day without): a holding still running on that day ends then, and one that would
   * only begin on or after it is removed, as it never takes effect. Answers the (person,
   * assignment) pairs that had something to end; a pair not in the answer no longer held the
   * assignment on that day. At most one revoke per pair in a call.
   */
  abstract revoke(m: EntityManager, revokes: readonly HoldingRevoke[]): Promise<HoldingKey[]>;

  /** The assignments the person holds on `day`, each with the first day of its holding. */
  abstract heldOn(
    db: DataSource | EntityManager,
    personId: string,
    day: string,
  ): Promise<Map<string, string>>;

  /** Which of `personIds` hold the assignment on `day`. */
  abstract holdersAmong(
    db: DataSource | EntityManager,
    personIds: readonly string[],
    assignmentId: string,
    day: string,
  ): Promise<Set<string>>;

  /** How many persons hold the assignment on `day`. */
  abstract holderCount(db: DataSource | EntityManager, assignmentId: string, day: string): Promise<number>;

  /**
   * Whether grant and revoke are written back to KIV and confirmed later (DIRECTORY_SOURCE=ldap):
   * then an order whose holdings changed is complete only when `unconfirmed` no longer names it.
   */
  abstract writesBack(): boolean;

  /** Of these orders, those whose holdings' write back to KIV is not yet confirmed. */
  abstract unconfirmed(db: DataSource | EntityManager, orderIds: readonly string[]): Promise<Set<string>>;

  /**
   * Per order: the assignments whose holding its revoke ended, as `revoke` answered when the order
   * was carried out (kept with the write back, for an order completed only once KIV confirmed it).
   */
  abstract endedBy(
    db: DataSource | EntityManager,
    orderIds: readonly string[],
  ): Promise<Map<string, Set<string>>>;
}
