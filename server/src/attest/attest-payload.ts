import type { JsonObject } from '../signing/signing.types.js';
import { ATTEST_DECISIONS, type AttestDecision } from './dto/sign-request.dto.js';

/** An order as it was when the decision was asked to be signed: what signing must still find. */
export type ExpectedOrder = {
  id: string;
  orderNumber: string;
  attestantId: string;
  /** `<itemId>:<status>` of every line, sorted. */
  lines: string[];
};

/** The decision stored with the sign request, for the ATTEST completion to carry out. */
export type AttestPayload = {
  decision: AttestDecision;
  comment: string | null;
  removeItemIds: string[];
  orders: ExpectedOrder[];
};

export const lineStates = (items: readonly { id: string; status: string }[]): string[] =>
  items.map((i) => `${i.id}:${i.status}`).sort();

export const toJson = (payload: AttestPayload): JsonObject => payload;

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

/** The payload is our own, written in the request's transaction; still, trust only its shape. */
export function readPayload(json: JsonObject): AttestPayload {
  const { decision, comment, removeItemIds, orders } = json;
  const wellFormed =
    typeof decision === 'string' &&
    (ATTEST_DECISIONS as readonly string[]).includes(decision) &&
    (comment === null || typeof comment === 'string') &&
    isStringArray(removeItemIds) &&
    Array.isArray(orders) &&
    orders.every(
      (o) =>
        typeof o === 'object' &&
        o !== null &&
        !Array.isArray(o) &&
        typeof o.id === 'string' &&
        typeof o.orderNumber === 'string' &&
        typeof o.attestantId === 'string' &&
        isStringArray(o.lines),
    );
  if (!wellFormed) throw new Error('The ATTEST sign request carries a malformed payload');
  return json as unknown as AttestPayload;
}
