/** The attest API: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** One row of "Attestera beställningar": an order awaiting my attest. */
export type QueueOrder = Schemas['QueueItem'];
/** The tabs' counts for the queue's current filter. */
export type AttestCounts = Schemas['QueueCounts'];
/** A mass-order batch with orders awaiting my attest. */
export type QueueBatch = Schemas['QueueBatch'];

export type AttestPerson = Schemas['PersonView'];
export type AttestItem = Schemas['OrderItemView'];
/** `GET /api/attest/orders/:id`: the attestant's view of one order awaiting attest. */
export type AttestOrder = Schemas['AttestOrderView'];

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
