/** Shared by the attest-*.e2e-spec.ts files: placing orders to attest, sign requests and signing. */
import type { EntityManager } from 'typeorm';
import { OrderStateMachine, type OrderDraft } from '../../server/src/orders/order-state.js';
import { newPerson, type PersonMade, type Team } from '../factories/index.js';
import type { Client } from '../support/sign-in.js';
import type { TestApp } from '../support/test-app.js';

export interface SignRequestBody {
  orderIds: string[];
  decision: 'APPROVE' | 'REJECT';
  removeItemIds?: string[];
  comment?: string | null;
}

export interface SignRequestAnswer {
  requestId: string;
  signingUrl: string;
  document: string;
  digest: string;
  decision: string;
  orderIds: string[];
}

export interface OrderState {
  status: string;
  signRequestId: string | null;
  rejectComment: string | null;
  decidedAt: Date | null;
  items: Record<string, string>;
}

/** Orders awaiting the team's attestant, created straight through the state machine (no rules, no mail). */
export async function createOrders(
  t: TestApp,
  team: Team,
  drafts: {
    endUserId: string;
    assignmentIds: string[];
    startDate: string;
    urgent?: boolean;
    batchId?: string;
  }[],
  {
    attestant = team.attestant,
    orderer = team.orderer,
  }: { attestant?: PersonMade; orderer?: PersonMade } = {},
): Promise<string[]> {
  const machine = t.app.get(OrderStateMachine);
  const created = await t.dataSource.transaction((m: EntityManager) =>
    machine.create(
      m,
      drafts.map((d): OrderDraft => ({
        type: 'GRANT',
        endUserId: d.endUserId,
        ordererId: orderer.id,
        attestantId: attestant.id,
        careUnitId: team.unit.id,
        startDate: d.startDate,
        endDate: null,
        urgent: d.urgent ?? false,
        comment: null,
        batchId: d.batchId ?? null,
        assignmentIds: d.assignmentIds,
      })),
      orderer.id,
    ),
  );
  return created.map((c) => c.order.id);
}

/**
 * `count` (person, assignment) pairs at the team's unit that nobody holds or has pending: each a
 * new member of staff (made by the factories) with VoB SJF. Made a few at a time, as the
 * hundreds of a batch test would otherwise take most of its time.
 */
export async function freeLines(
  t: TestApp,
  team: Team,
  count: number,
): Promise<{ endUserId: string; assignmentId: string }[]> {
  const lines: { endUserId: string; assignmentId: string }[] = [];
  while (lines.length < count) {
    const persons = await Promise.all(
      Array.from({ length: Math.min(8, count - lines.length) }, () => newPerson(t, { unit: team.unit })),
    );
    lines.push(...persons.map((p) => ({ endUserId: p.id, assignmentId: team.unit.assignments.vob.id })));
  }
  return lines;
}

/** `count` one-line orders for the team's attestant to attest, on free lines. */
export async function ordersToAttest(
  t: TestApp,
  team: Team,
  count: number,
  startDate: string,
  extra: { urgent?: boolean; batchId?: string } = {},
): Promise<string[]> {
  const lines = await freeLines(t, team, count);
  return createOrders(
    t,
    team,
    lines.map((l) => ({ endUserId: l.endUserId, assignmentIds: [l.assignmentId], startDate, ...extra })),
  );
}

export async function requestSignature(client: Client, body: SignRequestBody): Promise<SignRequestAnswer> {
  const res = await client.post('/api/attest/sign-requests').send(body);
  if (res.status !== 201) throw new Error(`Expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as SignRequestAnswer;
}

export async function certificateId(client: Client, requestId: string): Promise<string> {
  const res = await client.get(`/api/signing/${requestId}/certificates`).expect(200);
  return (res.body as { id: string }[])[0].id;
}

/** Signs in the signing window's way: pick the (only) certificate, give the PIN. */
export async function sign(client: Client, requestId: string, pin = '1234', certificate?: string) {
  return client
    .post(`/api/signing/${requestId}/sign`)
    .send({ certificateId: certificate ?? (await certificateId(client, requestId)), pin });
}

export async function orderState(t: TestApp, orderId: string): Promise<OrderState> {
  const [order] = await t.dataSource.query<Omit<OrderState, 'items'>[]>(
    `SELECT status, sign_request_id AS "signRequestId", reject_comment AS "rejectComment", decided_at AS "decidedAt"
       FROM vmu_order WHERE id = $1`,
    [orderId],
  );
  const items = await t.dataSource.query<{ id: string; status: string }[]>(
    'SELECT id, status FROM vmu_order_item WHERE order_id = $1',
    [orderId],
  );
  return { ...order, items: Object.fromEntries(items.map((i) => [i.id, i.status])) };
}

export async function itemIds(t: TestApp, orderId: string): Promise<string[]> {
  const rows = await t.dataSource.query<{ id: string }[]>(
    'SELECT id FROM vmu_order_item WHERE order_id = $1 ORDER BY id',
    [orderId],
  );
  return rows.map((r) => r.id);
}

/** Everything a decision writes, to show that a refused one wrote nothing. */
export async function decisionFootprint(t: TestApp) {
  const [row] = await t.dataSource.query<Record<string, number>[]>(
    `SELECT (SELECT count(*)::int FROM vmu_order WHERE status <> 'AWAITING_ATTEST') AS decided,
            (SELECT count(*)::int FROM vmu_order_item WHERE status <> 'PENDING') AS "linesMoved",
            (SELECT count(*)::int FROM mail_outbox WHERE related_type = 'order') AS mails,
            (SELECT count(*)::int FROM audit_event WHERE entity_type = 'order') AS events,
            (SELECT count(*)::int FROM sign_request WHERE status = 'SIGNED') AS signed`,
  );
  return row;
}
