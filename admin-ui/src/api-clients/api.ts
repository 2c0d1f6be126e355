import { API_URL, httpClient, jsonCalls, pathSegment } from '../common/http';
import type { ApiClient } from './types';

/** The API-client call that is not CRUD: revoking (creating and listing go through the data provider). */
export function revokeApiClient(id: string): Promise<ApiClient> {
  return jsonCalls(API_URL, httpClient).post<ApiClient>(`/api-clients/${pathSegment(id)}/revoke`);
}
