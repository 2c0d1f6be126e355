import type { Identifier } from 'react-admin';
import { type HttpClient, jsonCalls, pathSegment, queryString } from '../common/http';
import type {
  AttestCounts,
  AttestOrder,
  CreatedSignRequest,
  NewSignRequest,
  SignatureCheck,
  SignRequestOutcome,
} from './types';

/** The attest calls that are not plain lists, added to the data provider beside ra-data-simple-rest's. */
export interface AttestApi {
  getAttestCounts(filter: Record<string, unknown>): Promise<AttestCounts>;
  getAttestOrder(orderId: Identifier): Promise<AttestOrder>;
  createSignRequest(request: NewSignRequest): Promise<CreatedSignRequest>;
  getSignRequestOutcome(requestId: string): Promise<SignRequestOutcome>;
  verifySignature(orderId: Identifier): Promise<SignatureCheck>;
}

/** The queue's list resources: ra-data-simple-rest's getList on `/api/attest/queue` and `/api/attest/batches`. */
export const QUEUE_RESOURCE = 'attest/queue';
export const BATCHES_RESOURCE = 'attest/batches';

export function attestApi(apiUrl: string, httpClient: HttpClient): AttestApi {
  const { get, post } = jsonCalls(apiUrl, httpClient);
  return {
    getAttestCounts: (filter) => get(`/attest/counts?${queryString({ filter: JSON.stringify(filter) })}`),
    getAttestOrder: (orderId) => get(`/attest/orders/${pathSegment(orderId)}`),
    createSignRequest: (request) => post('/attest/sign-requests', request),
    getSignRequestOutcome: (requestId) => get(`/attest/sign-requests/${pathSegment(requestId)}`),
    verifySignature: (orderId) => get(`/orders/${pathSegment(orderId)}/signature`),
  };
}
