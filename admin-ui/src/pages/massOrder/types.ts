/** Mass orders as the API returns them (docs/api-contract-mass-orders.md). */
import type { Identifier } from 'react-admin';
import type { OrderStatus, OrderType } from '../../orders/types';
import type { AssignmentKind, CalendarDate, Purpose } from '../../types';

/** `GET /api/mass-orders/assignments/:id`: the assignment "Redigera användare" works on. */
export interface MassAssignment {
  id: Identifier;
  name: string;
  kind: AssignmentKind;
  purpose: Purpose;
  description: string | null;
  privateProviderOnly: boolean;
  careUnitId: Identifier;
  careUnitName: string;
  careUnitHsaId: string;
  administrationName: string;
  memberCount: number;
  pendingGrantCount: number;
}

/** What every person row shows: the seed's columns. `personnummer` is masked. */
export interface PersonRow {
  id: Identifier;
  userId: string;
  firstName: string;
  lastName: string;
  personnummer: string | null;
  organisation: string;
}

/** Someone who holds the assignment today, or has a grant of it waiting. */
export interface Member extends PersonRow {
  status: 'HOLDING' | 'PENDING_GRANT';
  heldFrom: CalendarDate | null;
  pendingRevoke: boolean;
  pendingOrderNumber: string | null;
  /** May be ticked "Ta bort". */
  removable: boolean;
  /** The server's Swedish reason when not removable. */
  reasonText: string | null;
}

/** A search hit ("Sök person(er)"). */
export interface Candidate extends PersonRow {
  hasActiveEngagement: boolean;
  holds: boolean;
  pending: null | OrderType;
}

export interface CandidateFilter {
  firstName?: string;
  lastName?: string;
  userId?: string;
  organisation?: string;
}

export interface Page<T> {
  rows: T[];
  total: number;
}

export interface ImportReport {
  found: (Candidate & { line: number; value: string })[];
  notFound: { line: number; value: string }[];
  invalid: { line: number; value: string; message: string }[];
  duplicates: { line: number; value: string; personId: Identifier }[];
}

export interface RuleViolation {
  rule: string;
  message: string;
}

export interface PersonVerdict {
  personId: Identifier;
  type: OrderType;
  ok: boolean;
  violations: RuleViolation[];
}

/** `POST /api/mass-orders/check`, and the body of a refused send. */
export interface CheckResult {
  ok: boolean;
  violations: RuleViolation[];
  persons: PersonVerdict[];
}

/** `POST /api/mass-orders/check`: attestant and date only when chosen. */
export interface MassOrderCheck {
  assignmentId: Identifier;
  add: Identifier[];
  remove: Identifier[];
  attestantId?: Identifier;
  startDate?: CalendarDate;
}

/** `POST /api/mass-orders`: the send. */
export interface MassOrderSend extends MassOrderCheck {
  attestantId: Identifier;
  startDate: CalendarDate;
  urgent: boolean;
  comment: string | null;
}

export interface PlacedBatch {
  batchId: Identifier;
  orders: { id: Identifier; orderNumber: string; endUserId: Identifier; type: OrderType }[];
}

export interface BatchOrder {
  id: Identifier;
  orderNumber: string;
  type: OrderType;
  status: OrderStatus;
  endUserId: Identifier;
  endUserName: string;
  endUserUserId: string;
}

/** `GET /api/mass-orders/batches/:id`: the receipt. */
export interface Batch {
  id: Identifier;
  createdAt: string;
  assignmentId: Identifier;
  assignmentName: string;
  careUnitId: Identifier;
  careUnitName: string;
  ordererId: Identifier;
  ordererName: string;
  attestantId: Identifier;
  attestantName: string;
  startDate: CalendarDate;
  urgent: boolean;
  comment: string | null;
  grantCount: number;
  revokeCount: number;
  orders: BatchOrder[];
}
