import type { OrderItemView, OrderStatus, OrderType } from '../orders/order.types.js';
import type { AttestDecision } from './dto/sign-request.dto.js';

/** An order in the queue ("Attestera beställningar"). */
export interface QueueItem {
  id: string;
  orderNumber: string;
  createdAt: Date;
  type: OrderType;
  status: OrderStatus;
  urgent: boolean;
  startDate: string;
  endDate: string | null;
  /** The start date has come: approving carries the order out at once. */
  due: boolean;
  endUserId: string;
  endUserName: string;
  endUserUserId: string;
  ordererId: string;
  ordererName: string;
  ordererUserId: string;
  careUnitId: string;
  careUnitName: string;
  administrationName: string;
  batchId: string | null;
  itemCount: number;
  assignmentNames: string[];
}

export interface QueueCounts {
  all: number;
  urgent: number;
  due: number;
  batches: number;
}

export interface QueueBatch {
  id: string;
  orderCount: number;
  urgent: boolean;
  createdAt: Date;
  firstStartDate: string;
  ordererName: string;
  careUnitNames: string[];
  assignmentNames: string[];
  orderIds: string[];
}

export interface PersonView {
  id: string;
  name: string;
  userId: string;
  hsaId: string;
  title: string | null;
}

/** "Attest av beställning BEH…": what the attestant decides on. */
export interface AttestOrderView {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  type: OrderType;
  createdAt: Date;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  due: boolean;
  comment: string | null;
  /** Projekt: the portal has no projects; kept so the page shows the seed's field. */
  project: null;
  batchId: string | null;
  endUser: PersonView;
  orderer: PersonView;
  attestant: PersonView;
  careUnit: { id: string; name: string; hsaId: string };
  administrationName: string;
  items: OrderItemView[];
}

export interface AttestSignRequestAnswer {
  requestId: string;
  signingUrl: string;
  document: string;
  digest: string;
  expiresAt: Date;
  decision: AttestDecision;
  orderIds: string[];
}

export interface AttestRequestStatus {
  requestId: string;
  status: 'PENDING' | 'SIGNED' | 'FAILED' | 'EXPIRED';
  signedAt: Date | null;
  /** The orders this request decided (empty until it is signed). */
  orders: { id: string; orderNumber: string; status: OrderStatus }[];
}

export interface SignatureCheck {
  orderId: string;
  orderNumber: string;
  requestId: string;
  decision: AttestDecision;
  ok: boolean;
  reason: string | null;
  message: string | null;
  signedAt: Date | null;
  signer: { hsaId: string; commonName: string; subject: string; serialNumber: string; issuer: string } | null;
  certificateSubject: string | null;
}
