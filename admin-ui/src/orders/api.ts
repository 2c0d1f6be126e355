import type { Identifier } from 'react-admin';
import { type HttpClient, jsonCalls, pathSegment, queryString } from '../common/http';
import type { PersonDetail } from '../types';
import type {
  Attestant,
  LookupKey,
  NewOrder,
  OrderableAssignments,
  OrderDetail,
  OrderType,
  PlacedOrder,
} from './types';

/** The ordering calls that are not plain CRUD, added to the data provider beside ra-data-simple-rest's. */
export interface OrderApi {
  lookupPerson(key: LookupKey, value: string): Promise<PersonDetail>;
  getOrderableAssignments(endUserId: Identifier, type: OrderType): Promise<OrderableAssignments>;
  /** With `assignmentIds`: only those whose rights cover every one of them, as placing checks. */
  getAttestants(careUnitId: Identifier, assignmentIds?: Identifier[]): Promise<Attestant[]>;
  placeOrder(order: NewOrder): Promise<PlacedOrder[]>;
  changeAttestant(orderId: Identifier, attestantId: Identifier): Promise<OrderDetail>;
  cancelOrder(orderId: Identifier): Promise<OrderDetail>;
}

export function orderApi(apiUrl: string, httpClient: HttpClient): OrderApi {
  const { get, post } = jsonCalls(apiUrl, httpClient);
  const orderPath = (id: Identifier) => `/orders/${pathSegment(id)}`;
  return {
    lookupPerson: async (key, value) =>
      (
        await httpClient(`${apiUrl}/persons/lookup?${queryString({ [key]: value.trim() })}`, {
          headers: { 'X-BEH-Purpose': 'wizard' },
        })
      ).json as PersonDetail,
    getOrderableAssignments: (endUserId, type) =>
      get(`/orderable-assignments?${queryString({ endUserId: String(endUserId), type })}`),
    getAttestants: (careUnitId, assignmentIds = []) =>
      get(
        `/attestants?${queryString({
          careUnitId: String(careUnitId),
          ...(assignmentIds.length > 0 ? { assignmentIds: assignmentIds.map(String).join(',') } : {}),
        })}`,
      ),
    placeOrder: (order) => post('/orders', order),
    changeAttestant: (orderId, attestantId) =>
      post(`${orderPath(orderId)}/change-attestant`, { attestantId }),
    cancelOrder: (orderId) => post(`${orderPath(orderId)}/cancel`),
  };
}
