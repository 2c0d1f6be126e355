import type { Identifier } from 'react-admin';
import { type HttpClient, jsonCalls, pathSegment } from '../common/http';
import type { Delegation, DelegationLimit, GrantableUnit } from './types';

/** The delegation calls that are not plain CRUD, added to the data provider beside ra-data-simple-rest's. */
export interface DelegationApi {
  getGrantableUnits(): Promise<GrantableUnit[]>;
  limitDelegation(id: Identifier, limit: DelegationLimit): Promise<Delegation>;
  revokeDelegation(id: Identifier): Promise<Delegation>;
}

export function delegationApi(apiUrl: string, httpClient: HttpClient): DelegationApi {
  const { get, patch } = jsonCalls(apiUrl, httpClient);
  const delegationPath = (id: Identifier) => `/delegations/${pathSegment(id)}`;
  return {
    getGrantableUnits: () => get('/delegations/grantable-units'),
    limitDelegation: (id, limit) => patch(delegationPath(id), limit),
    revokeDelegation: (id) => patch(delegationPath(id), { status: 'REVOKED' }),
  };
}
