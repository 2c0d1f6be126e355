import type { AssignmentKind } from '../directory/entities/assignment.entity.js';
import type { Purpose } from '../directory/entities/base.js';
import type { OrderStatus, OrderType } from '../orders/order.types.js';

/** The assignment a mass order is about, as the "Redigera användare" page heads it. */
export interface MassOrderAssignment {
  id: string;
  name: string;
  kind: AssignmentKind;
  purpose: Purpose;
  description: string | null;
  privateProviderOnly: boolean;
  careUnitId: string;
  careUnitName: string;
  careUnitHsaId: string;
  administrationName: string;
  memberCount: number;
  pendingGrantCount: number;
}

/** A person as the mass-order lists show them: personnummer masked. */
export interface PersonBrief {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  personnummer: string | null;
  organisation: string;
}

export type MemberStatus = 'HOLDING' | 'PENDING_GRANT';

export interface Member extends PersonBrief {
  status: MemberStatus;
  heldFrom: string | null;
  pendingRevoke: boolean;
  pendingOrderNumber: string | null;
  removable: boolean;
  reasonText: string | null;
}

/** A search hit or an imported person, marked for the assignment. */
export interface Candidate extends PersonBrief {
  hasActiveEngagement: boolean;
  holds: boolean;
  pending: OrderType | null;
}

export interface ImportReport {
  found: (Candidate & { line: number; value: string })[];
  notFound: { line: number; value: string }[];
  invalid: { line: number; value: string; message: string }[];
  duplicates: { line: number; value: string; personId: string }[];
}

export interface RuleBreach {
  rule: string;
  message: string;
}

export interface PersonVerdict {
  personId: string;
  type: OrderType;
  ok: boolean;
  violations: RuleBreach[];
}

export interface CheckResult {
  ok: boolean;
  violations: RuleBreach[];
  persons: PersonVerdict[];
}

export interface SentBatch {
  batchId: string;
  orders: { id: string; orderNumber: string; endUserId: string; type: OrderType }[];
}

export interface BatchOrder {
  id: string;
  orderNumber: string;
  type: OrderType;
  status: OrderStatus;
  endUserId: string;
  endUserName: string;
  endUserUserId: string;
}

export interface BatchSummary {
  id: string;
  createdAt: Date;
  assignmentId: string;
  assignmentName: string;
  careUnitId: string;
  careUnitName: string;
  ordererId: string;
  ordererName: string;
  attestantId: string;
  attestantName: string;
  startDate: string;
  urgent: boolean;
  comment: string | null;
  grantCount: number;
  revokeCount: number;
  awaitingCount: number;
}

export interface BatchView extends BatchSummary {
  orders: BatchOrder[];
}
