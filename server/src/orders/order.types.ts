import type { AssignmentKind } from '../directory/entities/assignment.entity.js';
import type { Purpose } from '../directory/entities/base.js';

export const ORDER_TYPES = ['GRANT', 'REVOKE'] as const;
/** GRANT: Nyupplägg; REVOKE: Avslut. */
export type OrderType = (typeof ORDER_TYPES)[number];

export const ORDER_STATUSES = ['AWAITING_ATTEST', 'APPROVED', 'REJECTED', 'CANCELLED', 'COMPLETED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ITEM_STATUSES = ['PENDING', 'DONE', 'REMOVED', 'REJECTED'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Which orders a history list shows (docs/api-contract-orders.md). */
export const ORDER_SCOPES = ['mine', 'all', 'enduser', 'attest'] as const;
export type OrderScope = (typeof ORDER_SCOPES)[number];

/** An order in the history list. */
export interface OrderListItem {
  id: string;
  orderNumber: string;
  createdAt: Date;
  type: OrderType;
  status: OrderStatus;
  urgent: boolean;
  startDate: string;
  endDate: string | null;
  ordererId: string;
  ordererName: string;
  ordererUserId: string;
  endUserId: string;
  endUserName: string;
  endUserUserId: string;
  attestantId: string;
  attestantName: string;
  attestantUserId: string;
  careUnitId: string;
  careUnitName: string;
  administrationName: string;
  hasFeedback: boolean;
  /** Återkopplingsinfo: only ever given to the orderer; null for everyone else. */
  feedback: string | null;
}

export interface OrderItemView {
  id: string;
  assignmentId: string;
  assignmentName: string;
  kind: AssignmentKind;
  purpose: Purpose;
  careUnitName: string;
  status: ItemStatus;
}

export interface OrderEventView {
  at: Date;
  actorName: string | null;
  action: string;
}

export interface OrderDetail extends OrderListItem {
  comment: string | null;
  rejectComment: string | null;
  items: OrderItemView[];
  events: OrderEventView[];
  canChangeAttestant: boolean;
  canCancel: boolean;
}

/** The answer to a send: one order per care unit. */
export interface PlacedOrder {
  id: string;
  orderNumber: string;
  careUnitId: string;
  careUnitName: string;
}

/** Why an assignment is shown in the wizard but cannot be ticked. */
export type NotOrderableReason =
  'ALREADY_HELD' | 'ALREADY_PENDING' | 'PRIVATE_PROVIDER_ONLY' | 'NO_ACTIVE_ENGAGEMENT';

export interface OrderableAssignment {
  id: string;
  name: string;
  kind: AssignmentKind;
  purpose: Purpose;
  description: string | null;
  privateProviderOnly: boolean;
  orderable: boolean;
  reason: NotOrderableReason | null;
  reasonText: string | null;
  heldFrom?: string;
}

export interface OrderableUnit {
  careUnitId: string;
  careUnitName: string;
  careUnitHsaId: string;
  administrationName: string;
  assignments: OrderableAssignment[];
}

export interface OrderableAnswer {
  /** null when asked without an end user (mass orders). */
  endUser: { hasActiveEngagement: boolean; privateProvider: boolean } | null;
  units: OrderableUnit[];
}

export interface AttestantView {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
}
