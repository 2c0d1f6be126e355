/** The attest API as docs/api-contract-attest.md describes it. */
import type { Identifier, RaRecord } from 'react-admin';
import type { AssignmentKind, CalendarDate, Purpose } from '../types';
import type { OrderItemStatus, OrderStatus, OrderType } from '../orders/types';

/** One row of "Attestera beställningar": an order awaiting my attest. */
export interface QueueOrder extends RaRecord {
  orderNumber: string;
  /** ISO timestamp: "Beställd". */
  createdAt: string;
  type: OrderType;
  status: OrderStatus;
  urgent: boolean;
  startDate: CalendarDate;
  endDate: CalendarDate | null;
  /** The start date is Stockholm's today or earlier: approving carries it out at once. */
  due: boolean;
  endUserId: Identifier;
  endUserName: string;
  endUserUserId: string;
  ordererId: Identifier;
  ordererName: string;
  ordererUserId: string;
  careUnitId: Identifier;
  careUnitName: string;
  administrationName: string;
  /** The mass-order batch the order belongs to, or null for a wizard order. */
  batchId: string | null;
  itemCount: number;
  assignmentNames: string[];
}

/** The tabs' counts for the queue's current filter. */
export interface AttestCounts {
  all: number;
  urgent: number;
  due: number;
  batches: number;
}

/** A mass-order batch with orders awaiting my attest. */
export interface QueueBatch extends RaRecord {
  orderCount: number;
  urgent: boolean;
  createdAt: string;
  ordererName: string;
  careUnitNames: string[];
  assignmentNames: string[];
  firstStartDate: CalendarDate;
  orderIds: Identifier[];
}

export interface AttestPerson {
  id: Identifier;
  name: string;
  userId: string;
  hsaId: string;
  title: string | null;
}

export interface AttestItem {
  id: Identifier;
  assignmentId: Identifier;
  assignmentName: string;
  kind: AssignmentKind;
  purpose: Purpose;
  careUnitName: string;
  status: OrderItemStatus;
}

/** `GET /api/attest/orders/:id`: the attestant's view of one order awaiting attest. */
export interface AttestOrder {
  id: Identifier;
  orderNumber: string;
  status: OrderStatus;
  type: OrderType;
  createdAt: string;
  startDate: CalendarDate;
  endDate: CalendarDate | null;
  urgent: boolean;
  due: boolean;
  comment: string | null;
  /** "Projekt": the portal has no projects, so always null. */
  project: string | null;
  batchId: string | null;
  endUser: AttestPerson;
  orderer: AttestPerson;
  attestant: AttestPerson;
  careUnit: { id: Identifier; name: string; hsaId: string };
  administrationName: string;
  items: AttestItem[];
}

export type AttestDecision = 'APPROVE' | 'REJECT';

export interface NewSignRequest {
  orderIds: Identifier[];
  decision: AttestDecision;
  removeItemIds?: Identifier[];
  comment?: string;
}

export interface CreatedSignRequest {
  requestId: string;
  signingUrl: string;
  document: string;
  digest: string;
  expiresAt: string;
  decision: AttestDecision;
  orderIds: Identifier[];
}

/** `GET /api/attest/sign-requests/:id`: how a decision stands, for the page behind the signing window. */
export interface SignRequestOutcome {
  requestId: string;
  status: 'PENDING' | 'SIGNED' | 'FAILED' | 'EXPIRED';
  signedAt: string | null;
  /** The orders the request decided, as they are now; empty until it is signed. */
  orders: { id: Identifier; orderNumber: string; status: OrderStatus }[];
}

/** A signed decision, as the page behind the signing window shows it. */
export interface SignedDecision {
  decision: AttestDecision;
  orders: SignRequestOutcome['orders'];
}

/** `GET /api/orders/:id/signature`: the stored signature verified again. */
export interface SignatureCheck {
  orderId: Identifier;
  orderNumber: string;
  requestId: string;
  decision: AttestDecision;
  ok: boolean;
  reason: string | null;
  message: string | null;
  signedAt: string | null;
  signer: { hsaId: string; commonName: string; subject: string; serialNumber: string; issuer: string } | null;
  certificateSubject: string | null;
}
