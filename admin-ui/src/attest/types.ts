/** The attest API: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** VMU: a care unit's assignments; ACCESS: a verksamhet's behörighetsmallar (issue 14). */
export type OrderKind = 'VMU' | 'ACCESS';

/**
 * An access order's fields of a queue row (issue 14), written out here so that the attest screens
 * do not wait for the schema's regeneration; once regenerated, the schema's own agree with them.
 */
interface AccessQueueFields {
  kind?: OrderKind;
  /** null for an access order. */
  careUnitName: string | null;
  accessOperationId?: string | null;
  accessOperationName?: string | null;
  areaName?: string | null;
  /** An access order's lines, each "Behörighetsmall (Yrkeskategori)". */
  templateNames?: string[];
}

/** One row of "Attestera beställningar": an order awaiting my attest. */
export type QueueOrder = Omit<Schemas['QueueItem'], keyof AccessQueueFields> & AccessQueueFields;
/** The tabs' counts for the queue's current filter. */
export type AttestCounts = Schemas['QueueCounts'];
/** A mass-order batch with orders awaiting my attest. */
export type QueueBatch = Schemas['QueueBatch'];

export type AttestPerson = Schemas['PersonView'];
/** A system of a template line with the roles the template gives there. */
export interface AttestLineSystem {
  systemId: string;
  systemName: string;
  roles: string[];
}

/** A line's fields: an assignment (VMU) or a template with a profession (ACCESS), the other's null. */
interface AccessItemFields {
  assignmentId: string | null;
  assignmentName: string | null;
  kind: Schemas['OrderItemView']['kind'] | null;
  purpose: Schemas['OrderItemView']['purpose'] | null;
  careUnitName: string | null;
  templateId?: string | null;
  templateName?: string | null;
  professionName?: string | null;
  /** Förändring: the pair the line replaces. */
  previousTemplateName?: string | null;
  previousProfessionName?: string | null;
  systems?: AttestLineSystem[];
}
export type AttestItem = Omit<Schemas['OrderItemView'], keyof AccessItemFields> & AccessItemFields;

interface AccessOrderFields {
  kind?: OrderKind;
  /** null for an access order. */
  careUnit: Schemas['AttestCareUnit'] | null;
  administrationName: string | null;
  /** An access order's verksamhet and område; null for a VMU order. */
  accessOperation?: { id: string; name: string; areaName: string } | null;
  items: AttestItem[];
}
/** `GET /api/attest/orders/:id`: the attestant's view of one order awaiting attest. */
export type AttestOrder = Omit<Schemas['AttestOrderView'], keyof AccessOrderFields> & AccessOrderFields;

export type AttestDecision = Schemas['AttestDecision'];
export type NewSignRequest = Schemas['CreateAttestSignRequestDto'];
export type CreatedSignRequest = Schemas['AttestSignRequestAnswer'];
/** `GET /api/attest/sign-requests/:id`: how a decision stands, for the page behind the signing window. */
export type SignRequestOutcome = Schemas['AttestRequestStatus'];

/** A signed decision, as the page behind the signing window shows it. */
export interface SignedDecision {
  decision: AttestDecision;
  orders: SignRequestOutcome['orders'];
}

/** `GET /api/orders/:id/signature`: the stored signature verified again. */
export type SignatureCheck = Schemas['SignatureCheck'];
