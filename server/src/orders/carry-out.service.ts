import { Injectable, Optional } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { MailService } from '../mail/mail.service.js';
import { DirectoryHoldings } from '../directory/holdings.js';
import {
  changeHoldings,
  type Claim,
  type ClaimedOrder,
  claimOrders,
  completedMail,
  feedbackText,
} from './carry-out.facts.js';
import { accessOrderIds, markHandedOver } from './access-handover.js';
import { lockHandedOverVmuOrders } from './ldap-handover.js';
import { OrderStateMachine } from './order-state.js';

/** Hands due access orders among `orderIds` over in `m`'s transaction; answers those handed over. */
export type AccessHandover = (m: EntityManager, orderIds: readonly string[]) => Promise<string[]>;

/**
 * Carrying out claimed orders failed; their transaction rolled back and they stay APPROVED.
 * `orderIds` are the orders that were claimed together: any one of them may be the cause.
 */
export class CarryOutFailed extends Error {
  constructor(
    readonly orderIds: readonly string[],
    cause: unknown,
  ) {
    const which = orderIds.length === 1 ? `order ${orderIds[0]}` : `a batch of ${orderIds.length} orders`;
    super(`Carrying out ${which} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/**
 * Carrying out approved orders (domain.md, Statuses: APPROVED → COMPLETED, lines DONE): the
 * directory's holdings change (through its DirectoryHoldings port), the feedback is written, the
 * orderer is mailed and the audit event recorded, all in the caller's one transaction, through the
 * order state machine. However many orders are carried out together, that is a fixed number of
 * statements: one claim, one grant and one revoke of holdings, one insert of mails, one update of
 * the orders and one of their lines, and one append to the audit chain, so the chain's head is
 * locked once per batch rather than once per order.
 *
 * Used by the scheduler for orders whose date has come, in batches, and by the attest module at
 * approval time ("an approved order whose start date is today or earlier is carried out at once").
 *
 * With the directory in KIV (DIRECTORY_SOURCE=ldap, issue 15) the holdings' change is written
 * back to KIV through the directory's outbox, and the order counts as carried out only once KIV
 * has it: carrying out then changes the holdings and enqueues the writes (the port does both),
 * marks the order handed over (handed_over_at) and leaves it APPROVED; completeConfirmed
 * completes it, with its mail and ORDER_COMPLETED event, once every write is confirmed.
 */
@Injectable()
export class CarryOutService {
  constructor(
    private readonly machine: OrderStateMachine,
    private readonly mail: MailService,
    private readonly holdings: DirectoryHoldings,
    private readonly clock: Clock,
    // Only for the hand-over to KIV (ldap mode); tools that build this by hand, embedded, leave it out.
    @Optional() private readonly audit?: AuditService,
  ) {}

  /** Hands due access orders over (the fulfilment module registers it; orders cannot import it). */
  private accessHandover: AccessHandover | undefined;

  /**
   * Called once by the fulfilment module: approval time then hands due ACCESS orders over to
   * their systems (issue 14, Carrying out) instead of carrying them out as VMU orders are.
   */
  handAccessOrdersTo(handover: AccessHandover): void {
    this.accessHandover = handover;
  }

  /**
   * Carries the order out if it is APPROVED and its start date is Stockholm's today or earlier;
   * answers whether it did. Locks the order (waits for a scheduler that holds it, then finds it
   * COMPLETED and does nothing), so calling it for an order that is not due, or already carried
   * out, is harmless. `m` must be in a transaction: the attest module passes the approval's own.
   */
  async carryOutIfDue(m: EntityManager, orderId: string): Promise<boolean> {
    return (await this.carryOutManyIfDue(m, [orderId])).length > 0;
  }

  /**
   * carryOutIfDue for many orders at once (a batch attest approving hundreds): locks them in id
   * order, waiting as carryOutIfDue does, and carries out those that are due together. Answers
   * the ids carried out.
   */
  async carryOutManyIfDue(m: EntityManager, orderIds: readonly string[]): Promise<string[]> {
    const carried = await this.carryOut(m, { orderIds, wait: true }, this.clock.today());
    // Access orders are left out of the claim above; they are handed over to their systems.
    const rest = orderIds.filter((id) => !carried.includes(id.toLowerCase()));
    const access = this.accessHandover && rest.length > 0 ? await accessOrderIds(m, rest) : [];
    if (access.length === 0 || !this.accessHandover) return carried;
    return [...carried, ...(await this.accessHandover(m, access))];
  }

  /**
   * Claims up to `limit` due orders that no other transaction holds (`FOR UPDATE SKIP LOCKED`)
   * and carries them out together in `m`'s transaction; their locks last until that commits, so
   * any number of processes can call this side by side and each order is carried out once.
   * `today` is the round's Stockholm date (Clock.today()); `skip` leaves out orders that already
   * failed in this round. Answers the ids carried out (none: no due order is free); throws
   * CarryOutFailed naming the orders it claimed.
   */
  carryOutDue(
    m: EntityManager,
    today: string,
    limit: number,
    skip: readonly string[] = [],
  ): Promise<string[]> {
    return this.carryOut(m, { limit, skip }, today);
  }

  /**
   * Carries out this one order if it is still due and no other transaction holds it (then that
   * one is carrying it out): how the scheduler carries out, one by one, the orders of a batch
   * that failed, to find the one that fails. Answers whether it did; throws CarryOutFailed.
   */
  async carryOutIfFree(m: EntityManager, orderId: string, today: string): Promise<boolean> {
    return (await this.carryOut(m, { orderIds: [orderId], wait: false }, today)).length > 0;
  }

  private async carryOut(m: EntityManager, claim: Claim, today: string): Promise<string[]> {
    if (!m.queryRunner?.isTransactionActive) {
      throw new Error('Carrying out an order must run in a transaction (with its audit event and mail)');
    }
    const claimed = await claimOrders(m, claim, today);
    if (claimed.length === 0) return [];
    const ids = claimed.map((c) => c.locked.order.id);
    try {
      const ended = await changeHoldings(m, this.holdings, claimed);
      if (this.holdings.writesBack()) {
        await this.handOverToKiv(m, claimed, ended);
        return ids;
      }
      await this.complete(m, claimed, ended);
    } catch (error) {
      throw new CarryOutFailed(ids, error);
    }
    return ids;
  }

  /**
   * ldap mode: BEH's holdings have changed and their writes to KIV are enqueued (the holdings
   * port did both); the orders are marked handed over and stay APPROVED until completeConfirmed
   * finds every write confirmed. The change of holdings is recorded now, one
   * VMU_ORDER_HANDED_OVER event per order (rule 24), naming what KIV is to be told.
   */
  private async handOverToKiv(
    m: EntityManager,
    claimed: readonly ClaimedOrder[],
    ended: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<void> {
    if (!this.audit) throw new Error('Handing orders over to KIV needs the audit log');
    await markHandedOver(
      m,
      claimed.map((c) => c.locked.order.id),
      this.clock.now(),
    );
    await this.audit.appendMany(
      m,
      claimed.map(({ locked: { order }, lines }) => ({
        actorId: null,
        action: 'VMU_ORDER_HANDED_OVER',
        entityType: 'order',
        entityId: order.id,
        after: {
          kiv: lines.map((l) => ({
            assignmentId: l.assignmentId,
            member: order.type === 'GRANT' ? 'ADD' : 'REMOVE',
            ...(order.type === 'REVOKE'
              ? { holdingEnded: ended.get(order.id)?.has(l.assignmentId) ?? false }
              : {}),
          })),
        },
      })),
    );
  }

  /**
   * Completes up to `limit` handed-over VMU orders (ldap mode) whose writes back to KIV are all
   * confirmed, in `m`'s transaction: skips orders another transaction holds, leaves those still
   * waiting for a write. Answers the ids completed, those looked at that still wait (for the
   * caller's next `skip`) and how many were looked at (fewer than `limit`: none is left).
   */
  async completeConfirmed(
    m: EntityManager,
    limit: number,
    skip: readonly string[] = [],
  ): Promise<{ completed: string[]; waiting: string[]; looked: number }> {
    if (!m.queryRunner?.isTransactionActive) {
      throw new Error('Completing an order must run in a transaction (with its audit event and mail)');
    }
    const locked = await lockHandedOverVmuOrders(m, limit, skip);
    const unconfirmed = await this.holdings.unconfirmed(m, locked);
    const confirmed = locked.filter((id) => !unconfirmed.has(id));
    const claimed = await claimOrders(m, { handedOver: confirmed }, this.clock.today());
    if (claimed.length > 0) await this.complete(m, claimed, await this.holdings.endedBy(m, confirmed));
    const completed = claimed.map((c) => c.locked.order.id);
    return {
      completed,
      waiting: locked.filter((id) => !completed.includes(id)),
      looked: locked.length,
    };
  }

  /** The orderer's mail, the feedback and the transition to COMPLETED (lines DONE), for all at once. */
  private async complete(
    m: EntityManager,
    claimed: readonly ClaimedOrder[],
    ended: ReadonlyMap<string, ReadonlySet<string>>,
  ): Promise<void> {
    const ids = claimed.map((c) => c.locked.order.id);
    // Mailed before the transition rather than as its effect: the same transaction either way,
    // but the transition's audit events take the chain's head until commit, and every batch in
    // every process queues there, so as little as possible happens after it.
    await this.mail.enqueueMany(
      m,
      claimed.map((c) => ({
        to: c.ordererEmail,
        template: 'ORDER_COMPLETED' as const,
        data: completedMail(c),
      })),
    );
    const byId = new Map(claimed.map((c) => [c.locked.order.id, c]));
    await this.machine.applyMany(m, ids, {
      action: 'ORDER_COMPLETED',
      actorId: null,
      to: 'COMPLETED',
      items: () => [{ to: 'DONE' }],
      setEach: ({ order }) => ({
        feedback: feedbackText(byId.get(order.id) as ClaimedOrder, ended.get(order.id) ?? new Set()),
      }),
      locked: claimed.map((c) => c.locked),
    });
  }
}
