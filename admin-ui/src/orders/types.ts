/** Orders as the API returns them: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type OrderType = Schemas['OrderType'];
export type OrderStatus = Schemas['OrderStatus'];
export type OrderItemStatus = Schemas['OrderItemStatus'];
/**
 * Which orders a list shows: those I placed, those of the units where I have rights, or those
 * placed for me as end user (the tabs; the server also knows `attest`, the attest queue's).
 */
export type OrderScope = 'mine' | 'all' | 'enduser';

/** A row of the order lists; `createdAt` is an ISO timestamp ("Beställd"). */
export type Order = Schemas['OrderListItem'];
export type OrderItem = Schemas['OrderItemView'];
export type OrderEvent = Schemas['OrderEventView'];
export type OrderDetail = Schemas['OrderDetail'];

/** Why an assignment is shown in the wizard but cannot be ticked. */
export type NotOrderableReason = Schemas['NotOrderableReason'];
export type OrderableAssignment = Schemas['OrderableAssignment'];
export type OrderableUnit = Schemas['OrderableUnit'];
export type OrderableAssignments = Schemas['OrderableAnswer'];

/** Someone who may attest orders on a care unit. */
export type Attestant = Schemas['AttestantView'];

/**
 * `POST /api/orders`: one send of the wizard, which names an attestant for every unit (the
 * server splits it into one order per care unit).
 */
export type NewOrder = Schemas['PlaceOrderDto'] & { attestants: Record<string, string> };
export type PlacedOrder = Schemas['PlacedOrder'];

/** One refused line of a send, as the server names it (the `violations` of an order-rule problem). */
export type OrderViolation = Schemas['OrderViolation'];

/** How to find the end user in step 1: the lookup's query parameter. */
export type LookupKey = 'personnummer' | 'passportNumber' | 'hsaId';
