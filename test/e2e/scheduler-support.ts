/** Shared by the scheduler-*.e2e-spec.ts files: a settable day, approvals without attest, what was written. */
import { Clock } from '../../server/src/common/clock.js';
import { CarryOutService } from '../../server/src/orders/carry-out.service.js';
import { OrderStateMachine } from '../../server/src/orders/order-state.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import type { TickReport } from '../../server/src/scheduler/scheduler.types.js';
import { signIn } from '../support/sign-in.js';
import type { TestApp } from '../support/test-app.js';
import { addDays } from './orders-support.js';

export { addDays };

/** Sets the portal's clock to `date` at 10:00 UTC (midday in Stockholm), or to an exact moment. */
export function setClock(t: TestApp, at: string): void {
  t.app.get(Clock).set(new Date(at.length === 10 ? `${at}T10:00:00Z` : at));
}

export const tick = (t: TestApp): Promise<TickReport> => t.app.get(SchedulerService).runTick();

/** Sessions follow the clock too: after a jump of days, sign in again. */
export const freshClient = (t: TestApp, userId: string) => signIn(t, userId);

/**
 * Approves an order as its attestant would, straight through the state machine (the attest
 * module with its signatures is another issue's); with `carryOut`, also carries it out in the
 * same transaction when its date has come, as approval time does.
 */
export async function approve(t: TestApp, orderId: string, carryOut = false): Promise<boolean> {
  return t.dataSource.transaction(async (m) => {
    const [{ attestantId }] = await m.query<{ attestantId: string }[]>(
      `SELECT attestant_id AS "attestantId" FROM vmu_order WHERE id = $1`,
      [orderId],
    );
    await t.app.get(OrderStateMachine).apply(m, orderId, {
      action: 'ORDER_APPROVED',
      actorId: attestantId,
      to: 'APPROVED',
    });
    return carryOut ? t.app.get(CarryOutService).carryOutIfDue(m, orderId) : false;
  });
}

export interface OrderState {
  status: string;
  feedback: string | null;
  items: string[];
  events: { action: string; actorId: string | null }[];
}

export async function orderState(t: TestApp, orderId: string): Promise<OrderState> {
  const [order] = await t.dataSource.query<{ status: string; feedback: string | null }[]>(
    `SELECT status, feedback FROM vmu_order WHERE id = $1`,
    [orderId],
  );
  const items = await t.dataSource.query<{ status: string }[]>(
    `SELECT status FROM vmu_order_item WHERE order_id = $1 ORDER BY id`,
    [orderId],
  );
  const events = await t.dataSource.query<{ action: string; actorId: string | null }[]>(
    `SELECT action, actor_id AS "actorId" FROM audit_event
      WHERE entity_type = 'order' AND entity_id = $1 ORDER BY id`,
    [orderId],
  );
  return { ...order, items: items.map((i) => i.status), events };
}

export interface Holding {
  validFrom: string;
  validTo: string | null;
}

/** The person's holdings of the assignment, oldest first. */
export function holdings(t: TestApp, personId: string, assignmentId: string): Promise<Holding[]> {
  return t.dataSource.query<Holding[]>(
    `SELECT valid_from AS "validFrom", valid_to AS "validTo" FROM held_assignment
      WHERE person_id = $1 AND assignment_id = $2 ORDER BY valid_from, created_at`,
    [personId, assignmentId],
  );
}

export interface OutboxMail {
  to: string | null;
  template: string;
  subject: string;
  text: string;
}

/** The mails of `template` about one subject (an order or a delegation), oldest first. */
export function mails(t: TestApp, template: string, relatedId?: string): Promise<OutboxMail[]> {
  return t.dataSource.query<OutboxMail[]>(
    `SELECT to_address AS "to", template, subject, text_body AS text FROM mail_outbox
      WHERE template = $1 AND ($2::text IS NULL OR related_id = $2) ORDER BY created_at, id`,
    [template, relatedId ?? null],
  );
}
