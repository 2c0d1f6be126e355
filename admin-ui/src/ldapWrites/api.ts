import { API_URL, httpClient, jsonCalls, pathSegment } from '../common/http';
import type { LdapWrite } from './types';

/** "Försök igen": a FAILED write back to KIV is tried again at the scheduler's next tick. */
export function retryLdapWrite(id: string): Promise<LdapWrite> {
  return jsonCalls(API_URL, httpClient).post<LdapWrite>(`/ldap-writes/${pathSegment(id)}/retry`);
}
