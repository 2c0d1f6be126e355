import { useMemo } from 'react';
import { type Identifier, useLogoutIfAccessDenied } from 'react-admin';
import { API_URL, type HttpClient, httpClient, jsonCalls, pathSegment, queryString } from '../common/http';
import type { Attestant } from '../orders/types';
import type {
  AccessOrderType,
  AccessPart,
  NewAccessOrder,
  OrderableTemplates,
  PartFeedback,
  PlacedAnyOrder,
} from './types';

/** The calls of access ordering (issue 14): what may be ordered, who may attest, the send, parts and feedback. */
export interface AccessOrderApi {
  getOrderableTemplates(endUserId: Identifier, type: AccessOrderType): Promise<OrderableTemplates>;
  getOperationAttestants(accessOperationId: Identifier): Promise<Attestant[]>;
  placeOrder(order: NewAccessOrder): Promise<PlacedAnyOrder[]>;
  getOrderParts(orderId: Identifier): Promise<AccessPart[]>;
  readFeedback(partId: Identifier): Promise<PartFeedback>;
}

export function accessOrderApi(apiUrl: string, client: HttpClient): AccessOrderApi {
  const { get, post } = jsonCalls(apiUrl, client);
  return {
    getOrderableTemplates: (endUserId, type) =>
      get(`/orderable-templates?${queryString({ endUserId: String(endUserId), type })}`),
    getOperationAttestants: (accessOperationId) =>
      get(`/attestants?${queryString({ accessOperationId: String(accessOperationId) })}`),
    placeOrder: (order) => post('/orders', order),
    getOrderParts: (orderId) => get(`/fulfilment/orders/${pathSegment(orderId)}/parts`),
    readFeedback: (partId) => post(`/fulfilment/parts/${pathSegment(partId)}/feedback`),
  };
}

const plain = accessOrderApi(API_URL, httpClient);

/**
 * The calls, each failure first shown to react-admin's auth provider: a session that is gone signs
 * the user out (as the data provider's calls do), and the call then rejects as before.
 */
export function useAccessOrderApi(): AccessOrderApi {
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useMemo(() => {
    const guarded =
      <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        try {
          return await call(...args);
        } catch (error) {
          await logoutIfAccessDenied(error);
          throw error;
        }
      };
    return {
      getOrderableTemplates: guarded(plain.getOrderableTemplates),
      getOperationAttestants: guarded(plain.getOperationAttestants),
      placeOrder: guarded(plain.placeOrder),
      getOrderParts: guarded(plain.getOrderParts),
      readFeedback: guarded(plain.readFeedback),
    };
  }, [logoutIfAccessDenied]);
}
