import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import { DirectoryHoldings } from '../directory/holdings.js';
import { changeHoldings, type Claim, claimOrder, completedMail, feedbackText } from './carry-out.facts.js';
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

/**
 * Carrying out an approved order (domain.md, Statuses: APPROVED → COMPLETED, lines DONE): the
 * directory's holdings change (through its DirectoryHoldings port), the feedback is written, the
 * orderer is mailed and the audit event recorded, all in the caller's one transaction, through the
 * order state machine.
 *
 * Used by the scheduler for orders whose date has come, and by the attest module at approval
 * time ("an approved order whose start date is today or earlier is carried out at once").
 */
@Injectable()
export class CarryOutService {
  constructor(
    private readonly machine: OrderStateMachine,
    private readonly mail: MailService,
    private readonly holdings: DirectoryHoldings,
    private readonly clock: Clock,
  ) {}

  /**
   * Carries the order out if it is APPROVED and its start date is Stockholm's today or earlier;
   * answers whether it did. Locks the order (waits for a scheduler that holds it, then finds it
   * COMPLETED and does nothing), so calling it for an order that is not due, or already carried
   * out, is harmless. `m` must be in a transaction: the attest module passes the approval's own.
   */
  async carryOutIfDue(m: EntityManager, orderId: string): Promise<boolean> {
    return (await this.carryOut(m, { orderId }, this.clock.today())) !== undefined;
  }

  /**
   * Claims one due order that no other transaction holds (`FOR UPDATE SKIP LOCKED`) and carries
   * it out in `m`'s transaction; the order's lock lasts until that commits, so any number of
   * processes can call this side by side and each order is carried out once. `today` is the
   * round's Stockholm date (Clock.today()); `skip` leaves out orders that already failed in this
   * round. Answers the order's id, or undefined when no due order is free; throws CarryOutFailed
   * naming the order it claimed.
   */
  carryOutNextDue(
    m: EntityManager,
    today: string,
    skip: readonly string[] = [],
  ): Promise<string | undefined> {
    return this.carryOut(m, { skip }, today);
  }

  private async carryOut(m: EntityManager, claim: Claim, today: string): Promise<string | undefined> {
    if (!m.queryRunner?.isTransactionActive) {
      throw new Error('Carrying out an order must run in a transaction (with its audit event and mail)');
    }
    const claimed = await claimOrder(m, claim, today);
    if (!claimed) return undefined;
    const orderId = claimed.locked.order.id;
    try {
      const ended = await changeHoldings(m, this.holdings, claimed);
      // Mailed before the transition rather than as its effect: the same transaction either way,
      // but the transition's audit event takes the chain's head until commit, and every
      // carry-out in every process queues there, so as little as possible happens after it.
      await this.mail.enqueue(m, {
        to: claimed.ordererEmail,
        template: 'ORDER_COMPLETED',
        data: completedMail(claimed),
      });
      await this.machine.apply(m, orderId, {
        action: 'ORDER_COMPLETED',
        actorId: null,
        to: 'COMPLETED',
        items: [{ to: 'DONE' }],
        set: { feedback: feedbackText(claimed, ended) },
        locked: claimed.locked,
      });
    } catch (error) {
      throw new CarryOutFailed(orderId, error);
    }
    return orderId;
  }
}
