/**
 * The shapes of the access ordering API (issue 14, /work contract): written out here until the
 * OpenAPI schema (src/api/schema.d.ts) is regenerated with them.
 */
import type { Identifier } from 'react-admin';
import type { OrderViolation, PlacedOrder } from '../orders/types';

/** Nyupplägg, Förändring or Avslut of behörighetsmallar. */
export type AccessOrderType = 'GRANT' | 'CHANGE' | 'REVOKE';
export const ACCESS_ORDER_TYPES: readonly AccessOrderType[] = ['GRANT', 'CHANGE', 'REVOKE'];

export interface NamedRef {
  id: string;
  name: string;
}

export interface TemplateSystem {
  systemId: string;
  systemName: string;
  roles: string[];
}

/** A template the person holds. */
export interface TemplateHolding {
  professionId: string;
  professionName: string;
  heldFrom: string;
}

export interface OrderableTemplate {
  id: string;
  name: string;
  description: string | null;
  professions: NamedRef[];
  systems: TemplateSystem[];
  orderable: boolean;
  reason: string | null;
  reasonText: string | null;
  held: TemplateHolding | null;
}

export interface OrderableOperation {
  id: string;
  name: string;
  templates: OrderableTemplate[];
}

export interface OrderableArea {
  id: string;
  name: string;
  operations: OrderableOperation[];
}

/** `GET /api/orderable-templates?endUserId=&type=`. */
export interface OrderableTemplates {
  endUser: { hasActiveEngagement: boolean; privateProvider: boolean } | null;
  areas: OrderableArea[];
}

/** One line of a send: `accessItems` of `POST /api/orders`. */
export interface NewAccessItem {
  templateId: string;
  professionId?: string;
  previousTemplateId?: string;
}

/** `POST /api/orders` with template lines (and, from the VMU wizard, assignment lines too). */
export interface NewAccessOrder {
  type: AccessOrderType;
  endUserId: Identifier;
  items?: { assignmentId: Identifier }[];
  accessItems?: NewAccessItem[];
  attestants: Record<string, string | undefined>;
  startDate: string;
  urgent?: boolean;
  comment?: string;
  confirmedWarnings?: boolean;
}

/** An order of the send's answer: VMU ones name the care unit, ACCESS ones the verksamhet. */
export type PlacedAnyOrder = Omit<PlacedOrder, 'careUnitId' | 'careUnitName'> & {
  careUnitId: string | null;
  careUnitName: string | null;
  kind?: 'VMU' | 'ACCESS';
  accessOperationId?: string | null;
  accessOperationName?: string | null;
};

/** A refused line; template lines are named by `accessLine` (index into accessItems). */
export type AccessViolation = Omit<OrderViolation, 'rule'> & {
  rule: string;
  accessLine?: number | null;
  templateId?: string;
  templateName?: string;
};

/** One system's part of a template line (`GET /api/fulfilment/orders/:orderId/parts`). */
export interface AccessPart {
  id: string;
  itemId: string;
  systemId: string;
  systemName: string;
  method: 'MANUAL' | 'SCIM';
  status: 'PENDING' | 'DONE' | 'REFUSED';
  reason: string | null;
  urgent: boolean;
  hasFeedback: boolean;
  /** Only for the orderer; null for everyone else. */
  feedbackReadsLeft: number | null;
  doneAt: string | null;
  createdAt: string;
}

/** `POST /api/fulfilment/parts/:id/feedback`. */
export interface PartFeedback {
  text: string;
  readsLeft: number;
}

/** What `GET /api/me` says about verksamheter (helper DELEG's `operations`). */
export interface MeOperation {
  operationId: string;
  operationName: string;
  areaId: string;
  areaName: string;
  head: boolean;
  delegated: boolean;
  order: boolean;
  attest: boolean;
}
