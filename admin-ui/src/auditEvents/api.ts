import { type HttpClient, jsonCalls } from '../common/http';
import type { ChainVerification } from './types';

/** The audit call that is not CRUD, added to the data provider beside ra-data-simple-rest's. */
export interface AuditApi {
  verifyAuditChain(): Promise<ChainVerification>;
}

export function auditApi(apiUrl: string, httpClient: HttpClient): AuditApi {
  const { get } = jsonCalls(apiUrl, httpClient);
  return { verifyAuditChain: () => get('/audit-events/verify') };
}
