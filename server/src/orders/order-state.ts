import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { insertLines, insertOrders } from './order-insert.js';
import type { OrderChange, OrderDraft } from './order-change.js';
import {
  linesMoving,
  lockOrders,
  type ManyOrderChange,
  type OrderSet,
  type SetColumn,
  writeMany,
} from './order-state-many.js';
import { auditSnapshot, type LockedOrder, type OrderRecord, readOrder, readOrders } from './order-records.js';
import { AWAITING_ATTEST, COMPLETED, isDecision, isOpenLine, OPEN_LINE } from './order-status.js';
import type { ItemStatus, OrderStatus } from './order.types.js';
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

export type { ItemMove, OrderAction, OrderChange, OrderDraft } from './order-change.js';

export const INITIAL_ORDER_STATUS: OrderStatus = AWAITING_ATTEST;
export const INITIAL_ITEM_STATUS: ItemStatus = OPEN_LINE;

export const mayMove = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);
export const mayMoveItem = (from: ItemStatus, to: ItemStatus): boolean => ITEM_TRANSITIONS[from].includes(to);

/**
 * Thrown from create() when another send holds an open line for the same person and assignment;
 * the caller's transaction rolls back with it and the caller names the lines.
 */
export class PendingLineTaken extends Error {
  /**
   * `endUserIds[n]` is the end user of `assignmentIds[n]`'s line; `templateIds` are the templates
   * of access lines taken (the pending-template index), each for the end user
   * `templateEndUserIds[n]`.
   */
  constructor(
    readonly assignmentIds: string[],
    readonly endUserIds: string[] = [],
    readonly templateIds: string[] = [],
    readonly templateEndUserIds: string[] = [],
  ) {
    super(`Pending order lines already exist for ${[...assignmentIds, ...templateIds].join(', ')}`);
  }
}

/** The columns a change may set, with their SQL types (for values set per order). */
const SET_COLUMNS: Record<keyof OrderSet, SetColumn> = {
  attestantId: { column: 'attestant_id', type: 'uuid' },
  rejectComment: { column: 'reject_comment', type: 'text' },
  feedback: { column: 'feedback', type: 'text' },
  signRequestId: { column: 'sign_request_id', type: 'uuid' },
};

const SETTABLE = Object.fromEntries(
  Object.entries(SET_COLUMNS).map(([key, { column }]) => [key, column]),
) as Record<keyof OrderSet, string>;

/**
 * Orders handed to applyMany already locked and read: sorted by id as lockOrders would lock them,
 * and exactly the orders named.
 */
function handedOver(orderIds: readonly string[], locked: readonly LockedOrder[]) {
  const read = new Map(locked.map((o) => [o.order.id, o]));
  const ids = [...new Set(orderIds.map((id) => id.toLowerCase()))].sort();
  if (ids.length !== read.size || ids.some((id) => !read.has(id))) {
    throw new Error('applyMany: the orders handed over locked are not the orders named');
  }
  return { ids, read };
}

/** What apply() wrote, laid over the order as it was: the same as reading it back. */
function laidOver(
  before: LockedOrder,
  change: OrderChange,
  status: OrderStatus,
  now: Date,
  moved: ReadonlyMap<string, ItemStatus>,
): LockedOrder {
  const order: OrderRecord = { ...before.order, ...change.set, status, updatedAt: now };
  if (change.to && isDecision(change.to)) order.decidedAt = now;
  if (change.to === COMPLETED) order.completedAt = now;
  return { order, items: before.items.map((i) => ({ ...i, status: moved.get(i.id) ?? i.status })) };
}

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
   * Creates orders in their initial state, each with one audit event, in a fixed number of
   * statements however many orders there are (a mass order makes a thousand at once): all
   * orders, then every line sorted by assignment (see insertLines), then the events, so the
   * audit chain is locked only at the end.
   */
  async create(
    m: EntityManager,
    drafts: readonly OrderDraft[],
    actorId: string | null,
  ): Promise<LockedOrder[]> {
    requireTransactional(m);
    if (drafts.length === 0) return [];
    const now = this.clock.now();
    const ids = await insertOrders(m, drafts, INITIAL_ORDER_STATUS, now);
    const skipped = await insertLines(m, drafts, ids, INITIAL_ITEM_STATUS, now);
    if (skipped.length > 0) {
      const assignments = skipped.filter((l) => l.assignmentId !== null);
      const templates = skipped.filter((l) => l.templateId !== null);
      throw new PendingLineTaken(
        assignments.map((l) => l.assignmentId as string),
        assignments.map((l) => l.endUserId),
        templates.map((l) => l.templateId as string),
        templates.map((l) => l.endUserId),
      );
    }
    const read = await readOrders(m, ids);
    const created = ids.map((id) => {
      const order = read.get(id);
      if (!order) throw orderNotFound();
      return order;
    });
    await this.audit.appendMany(
      m,
      created.map((order) => ({
        actorId,
        action: 'ORDER_PLACED',
        entityType: 'order',
        entityId: order.order.id,
        after: auditSnapshot(order),
      })),
    );
    return created;
  }

  /**
   * Applies one change to one order under its row lock: checks the transition (or that the
   * order is in a status that allows the change), moves the lines, records the audit event
   * and runs the change's effects (its mail), all in the caller's transaction.
   */
  async apply(m: EntityManager, orderId: string, change: OrderChange): Promise<LockedOrder> {
    requireTransactional(m);
    if (change.locked && change.locked.order.id !== orderId.toLowerCase()) {
      throw new Error(`Order ${change.locked.order.id} given as locked for ${orderId}`);
    }
    const before = change.locked ?? (await this.mustRead(m, orderId, true));
    change.authorize?.(before);
    const from = before.order.status;
    const allowed = change.to ? mayMove(from, change.to) : (change.during ?? []).includes(from);
    if (!allowed) throw this.wrongStatus(change);
    change.validate?.(before);

    const now = this.clock.now();
    const assignments: string[] = ['status = $2', 'updated_at = $3'];
    const values: unknown[] = [orderId, change.to ?? from, now];
    if (change.to && isDecision(change.to)) assignments.push('decided_at = $3');
    if (change.to === COMPLETED) assignments.push('completed_at = $3');
    for (const [key, value] of Object.entries(change.set ?? {})) {
      values.push(value);
      assignments.push(`${SETTABLE[key as keyof typeof SETTABLE]} = $${values.length}`);
    }
    await m.query(`UPDATE vmu_order SET ${assignments.join(', ')} WHERE id = $1`, values);

    const moved = new Map<string, ItemStatus>();
    for (const move of change.items ?? []) {
      const moving = before.items.filter((i) => (move.ids ? move.ids.includes(i.id) : isOpenLine(i.status)));
      if (move.ids && moving.length !== new Set(move.ids).size) {
        throw new Error(`Order ${orderId} has no line ${move.ids.join(', ')}`);
      }
      const illegal = moving.find((i) => !mayMoveItem(i.status, move.to));
      if (illegal)
        throw new Error(`Order line ${illegal.id} cannot move from ${illegal.status} to ${move.to}`);
      if (moving.length === 0) continue;
      for (const i of moving) moved.set(i.id, move.to);
      await m.query(`UPDATE vmu_order_item SET status = $2, updated_at = $3 WHERE id = ANY($1::uuid[])`, [
        moving.map((i) => i.id),
        move.to,
        now,
      ]);
    }

    const after = change.locked
      ? laidOver(before, change, change.to ?? from, now, moved)
      : await this.mustRead(m, orderId, false);
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

  /**
   * The same change of many orders (a batch attest of hundreds, a batch of due orders carried
   * out) in a fixed number of statements: every order and line locked in id order (unless the
   * caller hands them over locked), each order checked as apply() checks it, then one update of
   * the orders, one per target status of the lines, one read back (none for orders handed over
   * locked: the change is laid over them), the audit events in one append (one lock of the
   * chain's head for all) and the effects once for all. All or nothing, like apply().
   */
  async applyMany(
    m: EntityManager,
    orderIds: readonly string[],
    change: ManyOrderChange,
  ): Promise<LockedOrder[]> {
    requireTransactional(m);
    const { ids, read } = change.locked
      ? handedOver(orderIds, change.locked)
      : await lockOrders(m, orderIds).then(async (ids) => ({ ids, read: await readOrders(m, ids) }));
    const moves = new Map<ItemStatus, string[]>();
    const movedBy = new Map<string, Map<string, ItemStatus>>();
    const befores = ids.map((id) => {
      const before = read.get(id);
      if (!before) throw orderNotFound();
      change.authorize?.(before);
      if (!mayMove(before.order.status, change.to))
        throw this.wrongStatus({ ...change, items: undefined, effects: undefined, locked: undefined });
      change.validate?.(before);
      const moved = new Map<string, ItemStatus>();
      for (const move of change.items?.(before) ?? []) {
        const moving = linesMoving(before, move);
        const illegal = moving.find((i) => !mayMoveItem(i.status, move.to));
        if (illegal)
          throw new Error(`Order line ${illegal.id} cannot move from ${illegal.status} to ${move.to}`);
        moves.set(move.to, [...(moves.get(move.to) ?? []), ...moving.map((i) => i.id)]);
        for (const i of moving) moved.set(i.id, move.to);
      }
      movedBy.set(id, moved);
      return before;
    });
    const columns = Object.entries(change.set ?? {}).map(
      ([key, value]) => [SETTABLE[key as keyof typeof SETTABLE], value] as const,
    );
    const sets = change.setEach ? befores.map((before) => change.setEach?.(before) ?? {}) : [];
    const eachKeys = [...new Set(sets.flatMap((set) => Object.keys(set)))] as (keyof OrderSet)[];
    const each = eachKeys.map(
      // An order whose own values leave a column out keeps what it has.
      (key) =>
        [SET_COLUMNS[key], sets.map((set, n) => (key in set ? set[key] : befores[n].order[key]))] as const,
    );
    const now = this.clock.now();
    await writeMany(m, ids, change.to, columns, moves, now, each);
    const afters = change.locked
      ? new Map(
          befores.map((before, n) => [
            before.order.id,
            laidOver(
              before,
              {
                action: change.action,
                actorId: change.actorId,
                to: change.to,
                set: { ...change.set, ...sets[n] },
              },
              change.to,
              now,
              movedBy.get(before.order.id) ?? new Map(),
            ),
          ]),
        )
      : await readOrders(m, ids);
    const changed = befores.map((before) => ({ before, after: afters.get(before.order.id) as LockedOrder }));
    await this.audit.appendMany(
      m,
      changed.map(({ before, after }) => ({
        actorId: change.actorId,
        action: change.action,
        entityType: 'order',
        entityId: before.order.id,
        before: auditSnapshot(before),
        after: { ...auditSnapshot(after), ...change.auditAfter?.(after) },
      })),
    );
    await change.effects?.(m, changed);
    return changed.map((c) => c.after);
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
    return from.length === 1 && from[0] === AWAITING_ATTEST
      ? orderRuleProblem([violation('NOT_AWAITING_ATTEST', null)])
      : orderRuleProblem([violation('WRONG_STATUS', null)]);
  }
}
