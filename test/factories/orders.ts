/**
 * Order factories: placed through PlacementService (every rule of placing is checked), decided
 * the way an attestant does it (rule 6, No approval without a signature: a sign request over the
 * decision, signed with the PIN), and so carried out at once when the start date has come (rule
 * 15, Approved and due is carried out at once). Holdings come only from carried-out orders (rule
 * 17, Holdings change only by carrying out an order).
 */
import { AttestRequestsService } from '../../server/src/attest/attest-requests.service.js';
import { Clock } from '../../server/src/common/clock.js';
import type { OrderType, PlacedOrder } from '../../server/src/orders/order.types.js';
import { PlacementService } from '../../server/src/orders/placement.service.js';
import { SigningService } from '../../server/src/signing/signing.service.js';
import type { TestApp } from '../support/test-app.js';
import { actorFor } from './actors.js';
import type { AssignmentMade, CareUnitMade, CatalogueKey, PersonMade } from './directory.js';

export interface NewOrder {
  orderer: PersonMade;
  endUser: { id: string };
  /** The lines; all of one care unit (one send over several units: placeOrders). */
  assignments: AssignmentMade[];
  attestant: PersonMade;
  type?: OrderType;
  /** Default: today. */
  startDate?: string;
  endDate?: string | null;
  urgent?: boolean;
  comment?: string | null;
  /** Decided at once by the attestant: APPROVE (carried out at once when due) or REJECT. */
  decision?: 'APPROVE' | 'REJECT';
  /** The comment a rejection needs. */
  rejectComment?: string;
  /** The orderer confirms the send's warnings (rule 2d). */
  confirmedWarnings?: boolean;
}

export interface OrderMade extends PlacedOrder {
  /** The sign request that decided it, when `decision` was given. */
  requestId: string | null;
}

export interface PlaceOrders {
  orderer: PersonMade;
  endUser: { id: string };
  assignments: AssignmentMade[];
  /** careUnitId → the attestant chosen for that unit. */
  attestants: Record<string, PersonMade>;
  type?: OrderType;
  startDate?: string;
  endDate?: string | null;
  urgent?: boolean;
  comment?: string | null;
  /** The orderer confirms the send's warnings (rule 2d, Engagement elsewhere is a warning). */
  confirmedWarnings?: boolean;
}

/** One send, as the wizard's "Skicka": one order per care unit, in the units' name order. */
export async function placeOrders(t: TestApp, send: PlaceOrders): Promise<PlacedOrder[]> {
  return t.app.get(PlacementService).place(await actorFor(t, send.orderer), {
    type: send.type ?? 'GRANT',
    endUserId: send.endUser.id,
    items: send.assignments.map((a) => ({ assignmentId: a.id })),
    attestants: Object.fromEntries(Object.entries(send.attestants).map(([unit, p]) => [unit, p.id])),
    startDate: send.startDate ?? t.app.get(Clock).today(),
    endDate: send.endDate ?? null,
    urgent: send.urgent ?? false,
    comment: send.comment ?? null,
    confirmedWarnings: send.confirmedWarnings ?? false,
  });
}

/** An order of one care unit, placed and, when `decision` is given, decided and signed. */
export async function newOrder(t: TestApp, options: NewOrder): Promise<OrderMade> {
  const units = new Set(options.assignments.map((a) => a.careUnitId));
  if (units.size !== 1) throw new Error('newOrder takes the lines of one care unit: use placeOrders');
  const [careUnitId] = units;
  const placed = await placeOrders(t, { ...options, attestants: { [careUnitId]: options.attestant } });
  const [order] = placed;
  const requestId = options.decision
    ? await attest(t, options.attestant, [order.id], options.decision, { comment: options.rejectComment })
    : null;
  return { ...order, requestId };
}

/**
 * Approves or rejects orders as their attestant: the sign request, then the signature with the
 * PIN of the certificate the signing service issued on first need. Returns the request's id.
 */
export async function attest(
  t: TestApp,
  attestant: PersonMade,
  orderIds: string[],
  decision: 'APPROVE' | 'REJECT',
  { comment, removeItemIds }: { comment?: string; removeItemIds?: string[] } = {},
): Promise<string> {
  const actor = await actorFor(t, attestant);
  const { requestId } = await t.app.get(AttestRequestsService).create(actor, {
    orderIds,
    decision,
    removeItemIds,
    comment: comment ?? (decision === 'REJECT' ? 'Avslås' : null),
  });
  const signing = t.app.get(SigningService);
  const [certificate] = await signing.certificatesFor(actor, requestId);
  const pin = t.config.signing.defaultPin;
  if (!pin) throw new Error('The test app issues no certificates: SIGNING_DEFAULT_PIN is unset');
  await signing.sign(actor, requestId, { certificateId: certificate.id, pin });
  return requestId;
}

export interface NewHolding {
  holder: PersonMade;
  unit: CareUnitMade;
  assignment: CatalogueKey;
  /** Orders and attests; default: the unit's head. */
  by?: PersonMade;
}

/**
 * `holder` holds the assignment from today: a Nyupplägg ordered and approved by the unit's head,
 * carried out at once. The holder needs an active engagement, as for any Nyupplägg (rule 2a, Grant
 * needs an active engagement).
 */
export async function newHolding(
  t: TestApp,
  { holder, unit, assignment, by }: NewHolding,
): Promise<OrderMade> {
  const head = by ?? unit.head;
  if (!head) throw new Error(`${unit.name} has no head to order the holding: name one with "by"`);
  return newOrder(t, {
    orderer: head,
    attestant: head,
    endUser: holder,
    assignments: [unit.assignments[assignment]],
    decision: 'APPROVE',
  });
}
