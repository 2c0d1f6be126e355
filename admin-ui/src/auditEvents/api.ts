import type { HttpClient } from '../dataProvider';
import type { ChainVerification } from './types';

/** The audit call that is not CRUD, added to the data provider beside ra-data-simple-rest's. */
export interface AuditApi {
  verifyAuditChain(): Promise<ChainVerification>;
}

export const auditApi = (apiUrl: string, httpClient: HttpClient): AuditApi => ({
  async verifyAuditChain() {
    const { json } = await httpClient(`${apiUrl}/audit-events/verify`);
    return json as ChainVerification;
  },
});
