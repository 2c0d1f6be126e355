import type { Identifier } from 'react-admin';
import type { HttpClient } from '../dataProvider';
import type { Delegation, DelegationLimit, GrantableUnit } from './types';

/** The delegation calls that are not plain CRUD, added to the data provider beside ra-data-simple-rest's. */
export interface DelegationApi {
  getGrantableUnits(): Promise<GrantableUnit[]>;
  limitDelegation(id: Identifier, limit: DelegationLimit): Promise<Delegation>;
  revokeDelegation(id: Identifier): Promise<Delegation>;
}

export function delegationApi(apiUrl: string, httpClient: HttpClient): DelegationApi {
  const patch = async (id: Identifier, body: object): Promise<Delegation> => {
    const { json } = await httpClient(`${apiUrl}/delegations/${encodeURIComponent(String(id))}`, {
      method: 'PATCH',
      body: JSON.stringify(body),
    });
    return json as Delegation;
  };
  return {
    async getGrantableUnits() {
      const { json } = await httpClient(`${apiUrl}/delegations/grantable-units`);
      return json as GrantableUnit[];
    },
    limitDelegation: (id, limit) => patch(id, limit),
    revokeDelegation: (id) => patch(id, { status: 'REVOKED' }),
  };
}
