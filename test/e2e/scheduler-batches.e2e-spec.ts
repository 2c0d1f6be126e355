import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditService } from '../../server/src/audit/audit.service.js';
import { Clock } from '../../server/src/common/clock.js';
import { DueOrdersJob } from '../../server/src/scheduler/due-orders.job.js';
import { insertDueOrders } from '../bench/due-orders.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { mails, orderState, tick } from './scheduler-support.js';

const BATCH = 20;

interface DueOrder {
  id: string;
  type: 'GRANT' | 'REVOKE';
  personId: string;
  assignmentId: string;
  startDate: string;
}

/**
 * Carrying out due orders in batches of CARRY_OUT_BATCH (20 here), each batch one transaction with
 * its holdings, lines, feedback, mails and audit events; and what happens when one order of a
 * batch cannot be carried out: the batch is carried out one by one instead, so the others are not
 * held up, and the failing order stays APPROVED, untouched, and is tried again at the next tick.
 */
describe('scheduler: carrying out due orders in batches', () => {
  let t: TestApp;
  let today: string;

  beforeAll(async () => {
    t = await createTestApp({ CARRY_OUT_BATCH: String(BATCH) });
    today = t.app.get(Clock).today();
  });
  afterAll(async () => {
    await t.close();
  });

  const due = () =>
    t.dataSource.query<DueOrder[]>(
      `SELECT o.id, o.type, o.end_user_id AS "personId", i.assignment_id AS "assignmentId",
              o.start_date AS "startDate"
         FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id
        WHERE o.status = 'APPROVED' ORDER BY o.start_date, o.id`,
    );
  /** The orders one transaction completed share its id as their rows' xmin. */
  const transactions = async (ids: readonly string[]) =>
    (
      await t.dataSource.query<{ orders: number }[]>(
        `SELECT count(*)::int AS orders FROM vmu_order WHERE id = ANY($1::uuid[]) GROUP BY xmin::text
          ORDER BY 1 DESC`,
        [ids],
      )
    ).map((r) => r.orders);

  it('carries out 50 due grants and revokes in batches of at most 20, each order whole', async () => {
    await insertDueOrders(t.dataSource, 50, today);
    const orders = await due();
    expect(orders).toHaveLength(50);

    const report = await tick(t);
    expect(report).toMatchObject({ carriedOut: 50, failed: [] });
    // After a full batch a second lane claims beside the first (SKIP LOCKED), so how the last
    // rows split between the lanes depends on timing: 20 + 20 + 10, or 20 + 20 + 7 + 3, …
    const sizes = await transactions(orders.map((o) => o.id));
    expect(sizes[0]).toBe(20);
    expect(sizes.every((n) => n <= 20)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(50);
    expect(sizes.length).toBeLessThanOrEqual(5);
    expect(report.carryOutBatches).toBe(sizes.length);
    for (const o of orders) {
      const state = await orderState(t, o.id);
      expect(state).toMatchObject({ status: 'COMPLETED', items: ['DONE'] });
      expect(state.events.map((e) => e.action)).toEqual(['ORDER_COMPLETED']);
      expect(await mails(t, 'ORDER_COMPLETED', o.id)).toHaveLength(1);
      // Each order's own feedback, though they were written in one statement.
      expect(state.feedback).toContain(o.startDate);
      expect(state.feedback).toMatch(o.type === 'GRANT' ? /är upplagt för/ : /är avslutat för/);
    }
    // Grants held from their date, revokes ended the day before theirs.
    const wrong = await t.dataSource.query(
      `SELECT o.id FROM vmu_order o JOIN vmu_order_item i ON i.order_id = o.id
         LEFT JOIN held_assignment h ON h.person_id = o.end_user_id AND h.assignment_id = i.assignment_id
              AND ((o.type = 'GRANT' AND h.valid_from = o.start_date AND h.valid_to IS NULL)
                OR (o.type = 'REVOKE' AND h.valid_to = o.start_date - 1))
        WHERE o.id = ANY($1::uuid[]) AND h.id IS NULL`,
      [orders.map((o) => o.id)],
    );
    expect(wrong).toEqual([]);
    expect(orders.filter((o) => o.type === 'REVOKE')).toHaveLength(5);
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });

  it('carries out the rest of a batch one by one when one order fails, and tries that one again later', async () => {
    await insertDueOrders(t.dataSource, 30, today);
    const orders = await due();
    expect(orders).toHaveLength(30);
    // The directory refuses one of the holdings (as a directory behind the port may): a grant in
    // the middle of the first batch.
    const bad = orders.filter((o) => o.type === 'GRANT')[BATCH / 2];
    await t.dataSource.query(
      `CREATE FUNCTION test_refuse_holding() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF NEW.person_id = '${bad.personId}' AND NEW.assignment_id = '${bad.assignmentId}' THEN
           RAISE EXCEPTION 'the directory refuses this holding';
         END IF;
         RETURN NEW;
       END $$;
       CREATE TRIGGER test_refuse_holding BEFORE INSERT ON held_assignment
         FOR EACH ROW EXECUTE FUNCTION test_refuse_holding();`,
    );

    // The failing batch's 20 one by one (19 carried out), the other 10 as a batch.
    expect(await tick(t)).toMatchObject({ carriedOut: 29, carryOutBatches: 20, failed: [bad.id] });
    const others = orders.filter((o) => o.id !== bad.id).map((o) => o.id);
    expect((await transactions(others)).sort((a, b) => b - a)).toEqual([10, ...Array<number>(19).fill(1)]);
    for (const id of others) expect((await orderState(t, id)).status).toBe('COMPLETED');
    // The failing order is as it was: approved, its line open, no holding, no mail, no event.
    const untouched = async () => {
      expect(await orderState(t, bad.id)).toMatchObject({
        status: 'APPROVED',
        feedback: null,
        items: ['PENDING'],
      });
      expect((await orderState(t, bad.id)).events.map((e) => e.action)).toEqual([]);
      expect(await mails(t, 'ORDER_COMPLETED', bad.id)).toEqual([]);
      const held = await t.dataSource.query(
        `SELECT 1 FROM held_assignment WHERE person_id = $1 AND assignment_id = $2`,
        [bad.personId, bad.assignmentId],
      );
      expect(held).toEqual([]);
    };
    await untouched();

    // Tried again at every tick, and failing again as long as the cause is there.
    expect(await tick(t)).toMatchObject({ carriedOut: 0, failed: [bad.id] });
    await untouched();

    // Once the directory takes it, the next tick carries it out.
    await t.dataSource.query(`DROP TRIGGER test_refuse_holding ON held_assignment`);
    expect(await tick(t)).toMatchObject({ carriedOut: 1, carryOutBatches: 1, failed: [] });
    expect(await orderState(t, bad.id)).toMatchObject({ status: 'COMPLETED', items: ['DONE'] });
    expect(await mails(t, 'ORDER_COMPLETED', bad.id)).toHaveLength(1);
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });

  // Last in this file: the job stays stopped, as it does in a process that is shutting down.
  it('claims no further batch once shutting down: the batches in flight commit, the rest stay due', async () => {
    await insertDueOrders(t.dataSource, 100, today);
    const job = t.app.get(DueOrdersJob);
    const running = job.run();
    job.stop();
    const report = await running;
    // The first claim was already on its way; no lane claimed after the stop.
    expect(report.carriedOut).toBeLessThanOrEqual(BATCH);
    expect((await due()).length).toBe(100 - report.carriedOut);
    expect(await job.run()).toMatchObject({ carriedOut: 0, batches: 0 });
    expect(await t.app.get(AuditService).verify()).toMatchObject({ ok: true });
  });
});
