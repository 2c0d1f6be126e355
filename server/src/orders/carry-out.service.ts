import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import {
  type CarryOutFacts,
  carryOutFacts,
  completedMail,
  dayBefore,
  feedbackText,
} from './carry-out.facts.js';
import { OrderStateMachine } from './order-state.js';

/** Carrying out a claimed order failed; its transaction rolled back and the order stays APPROVED. */
export class CarryOutFailed extends Error {
  constructor(
    readonly orderId: string,
    cause: unknown,
  ) {
    super(`Carrying out order ${orderId} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/** SQL of "approved, and its start date has come" (vmu_order_due_idx serves it). */
const DUE = `status = 'APPROVED' AND start_date <= $1::date`;

/**
 * Carrying out an approved order (domain.md, Statuses: APPROVED → COMPLETED, lines DONE): the
 * directory's holdings change, the feedback is written, the orderer is mailed and the audit
 * event recorded, all in the caller's one transaction, through the order state machine.
 *
 * Used by the scheduler for orders whose date has come, and by the attest module at approval
 * time ("an approved order whose start date is today or earlier is carried out at once").
 */
@Injectable()
export class CarryOutService {
  constructor(
    private readonly machine: OrderStateMachine,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  /**
   * Carries the order out if it is APPROVED and its start date is Stockholm's today or earlier;
   * answers whether it did. Locks the order (waits for a scheduler that holds it, then finds it
   * COMPLETED and does nothing), so calling it for an order that is not due, or already carried
   * out, is harmless. `m` must be in a transaction: the attest module passes the approval's own.
   */
  async carryOutIfDue(m: EntityManager, orderId: string): Promise<boolean> {
    const [due] = await m.query<{ id: string }[]>(
      `SELECT id FROM vmu_order WHERE id = $2 AND ${DUE} FOR UPDATE`,
      [this.clock.today(), orderId],
    );
    if (!due) return false;
    await this.carryOut(m, orderId);
    return true;
  }

  /**
   * Claims one due order that no other transaction holds (`FOR UPDATE SKIP LOCKED`), and
   * carries it out in `m`'s transaction; the order's lock lasts until that commits, so any
   * number of processes can call this side by side and each order is carried out once.
   * `today` is the round's Stockholm date (Clock.today()); `skip` leaves out orders that already
   * failed in this round. Answers the order's id, or undefined when no due order is free; throws
   * CarryOutFailed naming the order it claimed.
   */
  async carryOutNextDue(
    m: EntityManager,
    today: string,
    skip: readonly string[] = [],
  ): Promise<string | undefined> {
    const [claimed] = await m.query<{ id: string }[]>(
      `SELECT id FROM vmu_order WHERE ${DUE} AND id <> ALL($2::uuid[])
        ORDER BY start_date, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [today, [...skip]],
    );
    if (!claimed) return undefined;
    try {
      await this.carryOut(m, claimed.id);
    } catch (error) {
      throw new CarryOutFailed(claimed.id, error);
    }
    return claimed.id;
  }

  private async carryOut(m: EntityManager, orderId: string): Promise<void> {
    const facts = await carryOutFacts(m, orderId);
    const feedback =
      facts.type === 'GRANT' ? feedbackText(facts) : feedbackText(facts, await this.endHoldings(m, facts));
    if (facts.type === 'GRANT') await this.addHoldings(m, facts);
    // Mailed before the transition rather than as its effect: the same transaction either way,
    // but the transition's audit event takes the chain's head until commit, and every carry-out
    // in every process queues there, so as little as possible happens after it.
    await this.mail.enqueue(m, {
      to: facts.ordererEmail,
      template: 'ORDER_COMPLETED',
      data: completedMail(facts),
    });
    await this.machine.apply(m, orderId, {
      action: 'ORDER_COMPLETED',
      actorId: null,
      to: 'COMPLETED',
      items: [{ to: 'DONE' }],
      set: { feedback },
    });
  }

  /** A grant: the person holds each assignment from the start date (to the end date, if any). */
  private async addHoldings(m: EntityManager, f: CarryOutFacts): Promise<void> {
    if (f.lines.length === 0) return;
    await m.query(
      `INSERT INTO held_assignment (person_id, assignment_id, valid_from, valid_to, created_at, updated_at)
       SELECT $1, a, $3, $4, $5, $5 FROM unnest($2::uuid[]) AS a`,
      [f.endUserId, f.lines.map((l) => l.assignmentId), f.startDate, f.endDate, this.clock.now()],
    );
  }

  /**
   * A revoke: the order's date is the first day without the assignment ("Slutdatum, då
   * behörigheten upphör"), so each holding that still runs on that day now ends the day before
   * (`valid_to` is the last day held). A holding that would only have begun on or after that
   * day is removed, as it never takes effect. Answers the assignments that were ended.
   */
  private async endHoldings(m: EntityManager, f: CarryOutFacts): Promise<Set<string>> {
    const ids = f.lines.map((l) => l.assignmentId);
    if (ids.length === 0) return new Set();
    const still = `person_id = $1 AND assignment_id = ANY($2::uuid[]) AND (valid_to IS NULL OR valid_to >= $3::date)`;
    // TypeORM answers UPDATE and DELETE with [rows, count].
    const [shortened] = await m.query<[{ assignmentId: string }[], number]>(
      `UPDATE held_assignment SET valid_to = $4, updated_at = $5
        WHERE ${still} AND valid_from < $3::date RETURNING assignment_id AS "assignmentId"`,
      [f.endUserId, ids, f.startDate, dayBefore(f.startDate), this.clock.now()],
    );
    const [removed] = await m.query<[{ assignmentId: string }[], number]>(
      `DELETE FROM held_assignment WHERE ${still} RETURNING assignment_id AS "assignmentId"`,
      [f.endUserId, ids, f.startDate],
    );
    return new Set([...shortened, ...removed].map((r) => r.assignmentId));
  }
}
