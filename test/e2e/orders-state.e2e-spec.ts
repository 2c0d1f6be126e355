import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../server/src/common/clock.js';
import { ProblemException } from '../../server/src/common/problem.js';
import {
  mayMove,
  mayMoveItem,
  type OrderChange,
  OrderStateMachine,
} from '../../server/src/orders/order-state.js';
import { ITEM_STATUSES, ORDER_STATUSES } from '../../server/src/orders/order.types.js';
import { newAdministrator, newPerson, newTeam, signedIn, type Team } from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { place, sendIn } from './orders-support.js';

/**
 * The order state machine on its own, as the attest and scheduler modules will drive it:
 * the allowed transitions and no others, each in one transaction with its audit event. The orders
 * are placed in a team made by the factories, each for a new member of its staff.
 */
describe('the order state machine', () => {
  let t: TestApp;
  let machine: OrderStateMachine;
  let today: string;
  let team: Team;
  let orderer: Client;
  let admin: Client;
  /** The team's attestant, who decides. */
  let attestantId: string;
  let VOB: string;
  let KVAL: string;
  let STAT: string;

  beforeAll(async () => {
    t = await createTestApp();
    machine = t.app.get(OrderStateMachine);
    today = t.app.get(Clock).today();
    team = await newTeam(t);
    attestantId = team.attestant.id;
    VOB = team.unit.assignments.vob.id;
    KVAL = team.unit.assignments.kval.id;
    STAT = team.unit.assignments.stat.id;
    [orderer, admin] = await Promise.all([signedIn(t, team.orderer), signedIn(t, await newAdministrator(t))]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** An order of the team's orderer for `endUser` (default: a new member of staff). */
  const placeFor = async (assignmentIds: string[], endUser?: { id: string }) => {
    const assignments = assignmentIds.map((id) => ({ id }));
    const body = sendIn(team, endUser ?? (await newPerson(t, { unit: team.unit })), assignments, today);
    return (await place(orderer, body))[0].id;
  };
  const apply = (id: string, change: OrderChange) =>
    t.dataSource.transaction((m) => machine.apply(m, id, change));
  const state = async (id: string) => {
    const [order] = await t.dataSource.query(
      `SELECT status, decided_at IS NOT NULL AS decided, completed_at IS NOT NULL AS completed, reject_comment
         FROM vmu_order WHERE id = $1`,
      [id],
    );
    const items = await t.dataSource.query(
      `SELECT assignment_id, status FROM vmu_order_item WHERE order_id = $1 ORDER BY assignment_id`,
      [id],
    );
    const events = await t.dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'order' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    return {
      ...order,
      items: Object.fromEntries(
        items.map((i: { assignment_id: string; status: string }) => [i.assignment_id, i.status]),
      ),
      events: events.map((e: { action: string }) => e.action),
    };
  };
  const problemOf = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ProblemException);
    const problem = (error as ProblemException).toProblem();
    return { status: problem.status, rules: (problem.violations as { rule: string }[]).map((v) => v.rule) };
  };

  it('allows exactly the transitions of domain.md', () => {
    const allowed = ORDER_STATUSES.flatMap((from) =>
      ORDER_STATUSES.filter((to) => mayMove(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed).toEqual([
      'AWAITING_ATTEST→APPROVED',
      'AWAITING_ATTEST→REJECTED',
      'AWAITING_ATTEST→CANCELLED',
      'APPROVED→COMPLETED',
    ]);
    const items = ITEM_STATUSES.flatMap((from) =>
      ITEM_STATUSES.filter((to) => mayMoveItem(from, to)).map((to) => `${from}→${to}`),
    );
    expect(items).toEqual(['PENDING→DONE', 'PENDING→REMOVED', 'PENDING→REJECTED']);
  });

  it('approve with a removed line, then carry out: each step one audit event', async () => {
    const id = await placeFor([VOB, KVAL]);
    const [removed] = await t.dataSource.query(
      'SELECT id FROM vmu_order_item WHERE order_id = $1 AND assignment_id = $2',
      [id, KVAL],
    );
    await apply(id, {
      action: 'ORDER_APPROVED',
      actorId: attestantId,
      to: 'APPROVED',
      items: [{ ids: [removed.id], to: 'REMOVED' }],
    });
    expect(await state(id)).toEqual({
      status: 'APPROVED',
      decided: true,
      completed: false,
      reject_comment: null,
      items: { [VOB]: 'PENDING', [KVAL]: 'REMOVED' },
      events: ['ORDER_PLACED', 'ORDER_APPROVED'],
    });
    await apply(id, {
      action: 'ORDER_COMPLETED',
      actorId: null,
      to: 'COMPLETED',
      items: [{ to: 'DONE' }],
      set: { feedback: 'Uppdraget är upplagt i KIV.' },
    });
    expect(await state(id)).toMatchObject({
      status: 'COMPLETED',
      completed: true,
      items: { [VOB]: 'DONE', [KVAL]: 'REMOVED' },
      events: ['ORDER_PLACED', 'ORDER_APPROVED', 'ORDER_COMPLETED'],
    });
    // The audit log records that there is feedback, never the feedback itself.
    const [completed] = await t.dataSource.query(
      `SELECT after FROM audit_event WHERE entity_id = $1 AND action = 'ORDER_COMPLETED'`,
      [id],
    );
    expect(completed.after.hasFeedback).toBe(true);
    expect(JSON.stringify(completed.after)).not.toContain('KIV');
    expect((await admin.get('/api/audit-events/verify').expect(200)).body).toMatchObject({ ok: true });
  });

  it('reject: the lines are rejected with the order, the comment kept', async () => {
    const id = await placeFor([STAT]);
    await apply(id, {
      action: 'ORDER_REJECTED',
      actorId: attestantId,
      to: 'REJECTED',
      items: [{ to: 'REJECTED' }],
      set: { rejectComment: 'Fel enhet' },
    });
    expect(await state(id)).toMatchObject({
      status: 'REJECTED',
      decided: true,
      reject_comment: 'Fel enhet',
      items: { [STAT]: 'REJECTED' },
    });
  });

  it('refuses every other transition and leaves the order as it was', async () => {
    const id = await placeFor([VOB]);
    expect(await problemOf(apply(id, { action: 'ORDER_COMPLETED', actorId: null, to: 'COMPLETED' }))).toEqual(
      {
        status: 409,
        rules: ['WRONG_STATUS'],
      },
    );
    await apply(id, { action: 'ORDER_APPROVED', actorId: attestantId, to: 'APPROVED' });
    for (const to of ['REJECTED', 'CANCELLED', 'APPROVED'] as const) {
      expect(await problemOf(apply(id, { action: 'ORDER_REJECTED', actorId: attestantId, to }))).toEqual({
        status: 409,
        rules: ['NOT_AWAITING_ATTEST'],
      });
    }
    await apply(id, { action: 'ORDER_COMPLETED', actorId: null, to: 'COMPLETED', items: [{ to: 'DONE' }] });
    const done = await state(id);
    await expect(
      apply(id, { action: 'ORDER_COMPLETED', actorId: null, to: 'COMPLETED' }),
    ).rejects.toBeInstanceOf(ProblemException);
    expect(await state(id)).toEqual(done);
  });

  it('refuses moving a line that has left PENDING, or one that is not the order’s', async () => {
    const endUser = await newPerson(t, { unit: team.unit });
    const id = await placeFor([VOB, KVAL], endUser);
    const lineOf = async (orderId: string, assignmentId: string) =>
      (
        await t.dataSource.query('SELECT id FROM vmu_order_item WHERE order_id = $1 AND assignment_id = $2', [
          orderId,
          assignmentId,
        ])
      )[0].id as string;
    const removed = await lineOf(id, KVAL);
    await apply(id, {
      action: 'ORDER_APPROVED',
      actorId: attestantId,
      to: 'APPROVED',
      items: [{ ids: [removed], to: 'REMOVED' }],
    });
    const foreign = await lineOf(await placeFor([STAT], endUser), STAT);
    const before = await state(id);
    const complete = (ids: string[]): OrderChange => ({
      action: 'ORDER_COMPLETED',
      actorId: null,
      to: 'COMPLETED',
      items: [{ ids, to: 'DONE' }],
    });
    await expect(apply(id, complete([removed]))).rejects.toThrow(/cannot move from REMOVED to DONE/);
    await expect(apply(id, complete([foreign]))).rejects.toThrow(/has no line/);
    expect(await state(id)).toEqual(before);
  });

  it('a failing effect (its mail) takes the transition and its event back with it', async () => {
    const id = await placeFor([STAT]);
    const before = await state(id);
    const failing = apply(id, {
      action: 'ORDER_CANCELLED',
      actorId: team.orderer.id,
      to: 'CANCELLED',
      items: [{ to: 'REMOVED' }],
      effects: async () => {
        throw new Error('mail template broke');
      },
    });
    await expect(failing).rejects.toThrow('mail template broke');
    expect(await state(id)).toEqual(before);
  });

  it('two decisions at once on one order: the row lock lets exactly one through', async () => {
    const id = await placeFor([KVAL]);
    const results = await Promise.allSettled([
      apply(id, { action: 'ORDER_APPROVED', actorId: attestantId, to: 'APPROVED' }),
      apply(id, {
        action: 'ORDER_CANCELLED',
        actorId: team.orderer.id,
        to: 'CANCELLED',
        items: [{ to: 'REMOVED' }],
      }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await state(id)).events).toHaveLength(2);
  });

  it('works only inside a transaction', async () => {
    const id = await placeFor([KVAL]);
    const outside: EntityManager = t.dataSource.manager;
    await expect(
      machine.apply(outside, id, { action: 'ORDER_APPROVED', actorId: attestantId, to: 'APPROVED' }),
    ).rejects.toThrow(/transaction/);
  });
});
