/** Orders as the API returns them (docs/api-contract-orders.md). */
import type { Identifier, RaRecord } from 'react-admin';
import type { AssignmentKind, CalendarDate, Purpose } from '../types';

export type OrderType = 'GRANT' | 'REVOKE';
export type OrderStatus = 'AWAITING_ATTEST' | 'APPROVED' | 'COMPLETED' | 'REJECTED' | 'CANCELLED';
export type OrderItemStatus = 'PENDING' | 'DONE' | 'REMOVED' | 'REJECTED';
/**
 * Which orders a list shows: those I placed, those of the units where I have rights, or those
 * placed for me as end user.
 */
export type OrderScope = 'mine' | 'all' | 'enduser';

export interface Order extends RaRecord {
  orderNumber: string;
  /** ISO timestamp: "Beställd". */
  createdAt: string;
  type: OrderType;
  status: OrderStatus;
  urgent: boolean;
  startDate: CalendarDate;
  endDate: CalendarDate | null;
  ordererId: Identifier;
  ordererName: string;
  ordererUserId: string;
  endUserId: Identifier;
  endUserName: string;
  endUserUserId: string;
  attestantId: Identifier;
  attestantName: string;
  attestantUserId: string;
  careUnitId: Identifier;
  careUnitName: string;
  administrationName: string;
  hasFeedback: boolean;
  /** "Återkopplingsinfo": only the orderer reads it; null for everyone else. */
  feedback: string | null;
}

export interface OrderItem {
  id: Identifier;
  assignmentId: Identifier;
  assignmentName: string;
  kind: AssignmentKind;
  purpose: Purpose;
  careUnitName: string;
  status: OrderItemStatus;
}

export interface OrderEvent {
  /** ISO timestamp. */
  at: string;
  actorName: string | null;
  action: string;
}

export interface OrderDetail extends Order {
  comment: string | null;
  rejectComment: string | null;
  items: OrderItem[];
  events: OrderEvent[];
  canChangeAttestant: boolean;
  canCancel: boolean;
}

/** Why an assignment is shown in the wizard but cannot be ticked. */
export type NotOrderableReason =
  'ALREADY_HELD' | 'ALREADY_PENDING' | 'PRIVATE_PROVIDER_ONLY' | 'NO_ACTIVE_ENGAGEMENT';

export interface OrderableAssignment {
  id: Identifier;
  name: string;
  kind: AssignmentKind;
  purpose: Purpose;
  description: string | null;
  privateProviderOnly: boolean;
  orderable: boolean;
  reason: NotOrderableReason | null;
  /** The server's Swedish explanation of `reason`. */
  reasonText: string | null;
  /** For an assignment held now (Avslut): since when. */
  heldFrom?: CalendarDate;
}

export interface OrderableUnit {
  careUnitId: Identifier;
  careUnitName: string;
  careUnitHsaId: string;
  administrationName: string;
  assignments: OrderableAssignment[];
}

export interface OrderableAssignments {
  endUser: { hasActiveEngagement: boolean; privateProvider: boolean };
  units: OrderableUnit[];
}

/** Someone who may attest orders on a care unit. */
export interface Attestant {
  id: Identifier;
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
}

/** `POST /api/orders`: one send of the wizard; the server splits it into one order per care unit. */
export interface NewOrder {
  type: OrderType;
  endUserId: Identifier;
  items: { assignmentId: Identifier }[];
  /** careUnitId → the attestant chosen for that unit. */
  attestants: Record<string, Identifier>;
  startDate: CalendarDate;
  urgent: boolean;
  comment: string;
}

export interface PlacedOrder {
  id: Identifier;
  orderNumber: string;
  careUnitId: Identifier;
  careUnitName: string;
}

/** One refused line of a send, as the server names it. */
export interface OrderViolation {
  /** 0-based index into `items` of the send. */
  line: number | null;
  assignmentId?: Identifier;
  assignmentName?: string;
  careUnitName?: string;
  rule: string;
  message: string;
}

/** How to find the end user in step 1: the lookup's query parameter. */
export type LookupKey = 'personnummer' | 'passportNumber' | 'hsaId';
