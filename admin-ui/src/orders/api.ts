import type { Identifier } from 'react-admin';
import type { HttpClient } from '../dataProvider';
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

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

export function orderApi(apiUrl: string, httpClient: HttpClient): OrderApi {
  const get = async <T>(path: string): Promise<T> => (await httpClient(`${apiUrl}${path}`)).json as T;
  const post = async <T>(path: string, body?: object): Promise<T> => {
    const { json } = await httpClient(`${apiUrl}${path}`, {
      method: 'POST',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return json as T;
  };
  const orderPath = (id: Identifier) => `/orders/${encodeURIComponent(String(id))}`;
  return {
    // URLSearchParams encodes the "+" of ÅÅMMDD+NNNN, which would otherwise arrive as a space.
    lookupPerson: (key, value) => get(`/persons/lookup?${query({ [key]: value.trim() })}`),
    getOrderableAssignments: (endUserId, type) =>
      get(`/orderable-assignments?${query({ endUserId: String(endUserId), type })}`),
    getAttestants: (careUnitId, assignmentIds = []) =>
      get(
        `/attestants?${query({
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
