import type { Identifier } from 'react-admin';
import { type HttpClient, jsonCalls, pathSegment } from '../common/http';
import type { Delegation, DelegationLimit } from './types';

/**
 * The delegation calls that are not plain CRUD, added to the data provider beside ra-data-simple-rest's.
 * The units one may delegate for are a list and a record like any other (useGrantableUnits).
 */
export interface DelegationApi {
  limitDelegation(id: Identifier, limit: DelegationLimit): Promise<Delegation>;
  revokeDelegation(id: Identifier): Promise<Delegation>;
}

export function delegationApi(apiUrl: string, httpClient: HttpClient): DelegationApi {
  const { patch } = jsonCalls(apiUrl, httpClient);
  const delegationPath = (id: Identifier) => `/delegations/${pathSegment(id)}`;
  return {
    limitDelegation: (id, limit) => patch(delegationPath(id), limit),
    revokeDelegation: (id) => patch(delegationPath(id), { status: 'REVOKED' }),
  };
}
