import type { Identifier } from 'react-admin';
import type { HttpClient } from '../dataProvider';
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

const segment = (id: Identifier) => encodeURIComponent(String(id));

export function attestApi(apiUrl: string, httpClient: HttpClient): AttestApi {
  const get = async <T>(path: string): Promise<T> => (await httpClient(`${apiUrl}${path}`)).json as T;
  return {
    getAttestCounts: (filter) =>
      get(`/attest/counts?${new URLSearchParams({ filter: JSON.stringify(filter) }).toString()}`),
    getAttestOrder: (orderId) => get(`/attest/orders/${segment(orderId)}`),
    createSignRequest: async (request) => {
      const { json } = await httpClient(`${apiUrl}/attest/sign-requests`, {
        method: 'POST',
        body: JSON.stringify(request),
      });
      return json as CreatedSignRequest;
    },
    getSignRequestOutcome: (requestId) => get(`/attest/sign-requests/${segment(requestId)}`),
    verifySignature: (orderId) => get(`/orders/${segment(orderId)}/signature`),
  };
}
