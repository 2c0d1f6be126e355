/** API clients as `/api/api-clients` answers them: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type ApiClientScope = Schemas['ApiClientScope'];
export type ApiClientStatus = Schemas['ApiClientStatus'];
export type ApiClient = Schemas['ApiClientItem'];
/** The answer to creating a client: the only one that holds its token. */
export type CreatedApiClient = Schemas['CreatedApiClient'];

/** The scopes in the order the form offers them. */
export const API_CLIENT_SCOPES: readonly ApiClientScope[] = [
  'orders:read',
  'holdings:read',
  'delegations:read',
  'persons:lookup',
];
export const API_CLIENT_STATUSES: readonly ApiClientStatus[] = ['ACTIVE', 'EXPIRED', 'REVOKED'];

/** What the create form sends. */
export interface ApiClientForm {
  name: string;
  scopes: ApiClientScope[];
  expiresOn: string;
}
