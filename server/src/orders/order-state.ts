import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { auditSnapshot, type LockedOrder, type OrderRecord, readOrder } from './order-records.js';
import type { ItemStatus, OrderStatus, OrderType } from './order.types.js';
import { orderNotFound, orderRuleProblem, violation } from './orders.errors.js';

/**
 * The one place that knows how an order moves (domain.md, Statuses). Nothing else writes
 * `vmu_order.status` or `vmu_order_item.status`.
 */
const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  AWAITING_ATTEST: ['APPROVED', 'REJECTED', 'CANCELLED'],
  APPROVED: ['COMPLETED'],
  REJECTED: [],
  CANCELLED: [],
  COMPLETED: [],
};

const ITEM_TRANSITIONS: Readonly<Record<ItemStatus, readonly ItemStatus[]>> = {
  PENDING: ['DONE', 'REMOVED', 'REJECTED'],
  DONE: [],
  REMOVED: [],
  REJECTED: [],
};

export const INITIAL_ORDER_STATUS: OrderStatus = 'AWAITING_ATTEST';
export const INITIAL_ITEM_STATUS: ItemStatus = 'PENDING';

export const mayMove = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);
export const mayMoveItem = (from: ItemStatus, to: ItemStatus): boolean => ITEM_TRANSITIONS[from].includes(to);

/** The audit actions of an order's life; each transition or change records exactly one. */
export type OrderAction =
  | 'ORDER_PLACED'
  | 'ORDER_ATTESTANT_CHANGED'
  | 'ORDER_CANCELLED'
  | 'ORDER_APPROVED'
  | 'ORDER_REJECTED'
  | 'ORDER_COMPLETED';

/**
 * Thrown from create() when another send holds an open line for the same person and assignment;
 * the caller's transaction rolls back with it and the caller names the lines.
 */
export class PendingLineTaken extends Error {
  constructor(readonly assignmentIds: string[]) {
    super(`Pending order lines already exist for ${assignmentIds.join(', ')}`);
  }
}

/** A new order as placing (or, later, a mass order) hands it to the machine. */
export interface OrderDraft {
  type: OrderType;
  endUserId: string;
  ordererId: string;
  attestantId: string;
  careUnitId: string;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  comment: string | null;
  batchId: string | null;
  assignmentIds: string[];
}

/** Lines that move: those named (all still pending when `ids` is left out) go to `to`. */
export interface ItemMove {
  ids?: readonly string[];
  to: ItemStatus;
}

export interface OrderChange {
  action: OrderAction;
  /** The person acting; null for the system (the scheduler). */
  actorId: string | null;
  /** The new status; left out, the status stays and `during` says when the change is allowed. */
  to?: OrderStatus;
  during?: readonly OrderStatus[];
  items?: readonly ItemMove[];
  set?: Partial<Pick<OrderRecord, 'attestantId' | 'rejectComment' | 'feedback'>>;
  /** Who may make the change, checked on the locked order first (is the actor its orderer?). */
  authorize?: (current: LockedOrder) => void;
  /** Rules of the change itself, checked once the status allows it; throws to refuse. */
  validate?: (current: LockedOrder) => void;
  /** Mail and other writes that belong to the change, in its transaction, after it. */
  effects?: (m: EntityManager, before: LockedOrder, after: LockedOrder) => Promise<void>;
}

const SETTABLE: Record<keyof NonNullable<OrderChange['set']>, string> = {
  attestantId: 'attestant_id',
  rejectComment: 'reject_comment',
  feedback: 'feedback',
};

function requireTransactional(m: EntityManager): void {
  if (!m.queryRunner?.isTransactionActive) {
    throw new Error('Order changes must run in a transaction (with its audit event and mail)');
  }
}

@Injectable()
export class OrderStateMachine {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Creates orders in their initial state, each with one audit event. All orders first, then
   * every line in one statement sorted by assignment, then the events: two sends that want the
   * same lines meet at the same first line (one waits, then fails on the pending-line index)
   * instead of each holding what the other needs, and the audit chain is locked only at the end.
   */
  async create(m: EntityManager, drafts: readonly OrderDraft[], actorId: string): Promise<LockedOrder[]> {
    requireTransactional(m);
    const now = this.clock.now();
    const ids: string[] = [];
    for (const d of drafts) {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO vmu_order (order_number, type, status, end_user_id, orderer_id, attestant_id, care_unit_id,
                                start_date, end_date, urgent, comment, batch_id, created_at, updated_at)
         VALUES ('BEH' || lpad(nextval('order_number_seq')::text, 7, '0'), $1, $2, $3, $4, $5, $6,
                 $7, $8, $9, $10, $11, $12, $12)
         RETURNING id`,
        [
          d.type,
          INITIAL_ORDER_STATUS,
          d.endUserId,
          d.ordererId,
          d.attestantId,
          d.careUnitId,
          d.startDate,
          d.endDate,
          d.urgent,
          d.comment,
          d.batchId,
          now,
        ],
      );
      ids.push(id);
    }
    const lines = drafts
      .flatMap((d, n) => d.assignmentIds.map((assignmentId) => ({ orderId: ids[n], draft: d, assignmentId })))
      .sort((a, b) => a.assignmentId.localeCompare(b.assignmentId));
    // A line another send holds open (committed meanwhile, or waited for until it committed) is
    // skipped by the pending-line index instead of failing the statement, and then named.
    const inserted = await m.query<{ assignmentId: string }[]>(
      `INSERT INTO vmu_order_item (order_id, end_user_id, assignment_id, type, status, created_at, updated_at)
       SELECT l.order_id, l.end_user_id, l.assignment_id, l.type, $5, $6, $6
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::varchar[])
              WITH ORDINALITY AS l(order_id, end_user_id, assignment_id, type, n)
        ORDER BY l.n
       ON CONFLICT (end_user_id, assignment_id) WHERE status = 'PENDING' DO NOTHING
       RETURNING assignment_id AS "assignmentId"`,
      [
        lines.map((l) => l.orderId),
        lines.map((l) => l.draft.endUserId),
        lines.map((l) => l.assignmentId),
        lines.map((l) => l.draft.type),
        INITIAL_ITEM_STATUS,
        now,
      ],
    );
    if (inserted.length < lines.length) {
      const got = new Set(inserted.map((r) => r.assignmentId));
      throw new PendingLineTaken(lines.filter((l) => !got.has(l.assignmentId)).map((l) => l.assignmentId));
    }
    const created: LockedOrder[] = [];
    for (const id of ids) {
      const order = await this.mustRead(m, id, false);
      await this.audit.append(m, {
        actorId,
        action: 'ORDER_PLACED',
        entityType: 'order',
        entityId: id,
        after: auditSnapshot(order),
      });
      created.push(order);
    }
    return created;
  }

  /**
   * Applies one change to one order under its row lock: checks the transition (or that the
   * order is in a status that allows the change), moves the lines, records the audit event
   * and runs the change's effects (its mail), all in the caller's transaction.
   */
  async apply(m: EntityManager, orderId: string, change: OrderChange): Promise<LockedOrder> {
    requireTransactional(m);
    const before = await this.mustRead(m, orderId, true);
    change.authorize?.(before);
    const from = before.order.status;
    const allowed = change.to ? mayMove(from, change.to) : (change.during ?? []).includes(from);
    if (!allowed) throw this.wrongStatus(change);
    change.validate?.(before);

    const now = this.clock.now();
    const assignments: string[] = ['status = $2', 'updated_at = $3'];
    const values: unknown[] = [orderId, change.to ?? from, now];
    if (change.to === 'APPROVED' || change.to === 'REJECTED') assignments.push('decided_at = $3');
    if (change.to === 'COMPLETED') assignments.push('completed_at = $3');
    for (const [key, value] of Object.entries(change.set ?? {})) {
      values.push(value);
      assignments.push(`${SETTABLE[key as keyof typeof SETTABLE]} = $${values.length}`);
    }
    await m.query(`UPDATE vmu_order SET ${assignments.join(', ')} WHERE id = $1`, values);

    for (const move of change.items ?? []) {
      const moving = before.items.filter((i) =>
        move.ids ? move.ids.includes(i.id) : i.status === INITIAL_ITEM_STATUS,
      );
      if (move.ids && moving.length !== new Set(move.ids).size) {
        throw new Error(`Order ${orderId} has no line ${move.ids.join(', ')}`);
      }
      const illegal = moving.find((i) => !mayMoveItem(i.status, move.to));
      if (illegal)
        throw new Error(`Order line ${illegal.id} cannot move from ${illegal.status} to ${move.to}`);
      if (moving.length === 0) continue;
      await m.query(`UPDATE vmu_order_item SET status = $2, updated_at = $3 WHERE id = ANY($1::uuid[])`, [
        moving.map((i) => i.id),
        move.to,
        now,
      ]);
    }

    const after = await this.mustRead(m, orderId, false);
    await this.audit.append(m, {
      actorId: change.actorId,
      action: change.action,
      entityType: 'order',
      entityId: orderId,
      before: auditSnapshot(before),
      after: auditSnapshot(after),
    });
    await change.effects?.(m, before, after);
    return after;
  }

  private async mustRead(m: EntityManager, orderId: string, lock: boolean): Promise<LockedOrder> {
    const order = await readOrder(m, orderId, lock);
    if (!order) throw orderNotFound();
    return order;
  }

  private wrongStatus(change: OrderChange) {
    const from = change.to
      ? (Object.keys(ORDER_TRANSITIONS) as OrderStatus[]).filter((s) => mayMove(s, change.to as OrderStatus))
      : (change.during ?? []);
    // Every change a person makes needs an order awaiting attest; anything else is the system's.
    return from.length === 1 && from[0] === 'AWAITING_ATTEST'
      ? orderRuleProblem([violation('NOT_AWAITING_ATTEST', null)])
      : orderRuleProblem([violation('WRONG_STATUS', null)]);
  }
}
