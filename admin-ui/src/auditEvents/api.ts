import { httpStatus } from '../common/problem';
import { type HttpClient, jsonCalls, pathSegment } from '../common/http';
import type { ChainVerification, VerifyRun } from './types';

/** The audit calls that are not CRUD, added to the data provider beside ra-data-simple-rest's. */
export interface AuditApi {
  /** The chain since the last checkpoint (seconds at most). */
  verifyAuditChain(): Promise<ChainVerification>;
  /** Starts a full verification in the background (refused with 409 while one runs). */
  startAuditVerifyRun(): Promise<VerifyRun>;
  /** The latest full verification, or null when none has run. */
  latestAuditVerifyRun(): Promise<VerifyRun | null>;
  auditVerifyRun(id: string): Promise<VerifyRun>;
}

export function auditApi(apiUrl: string, httpClient: HttpClient): AuditApi {
  const { get, post } = jsonCalls(apiUrl, httpClient);
  return {
    verifyAuditChain: () => get('/audit-events/verify'),
    startAuditVerifyRun: () => post('/audit-events/verify-runs'),
    latestAuditVerifyRun: async () => {
      try {
        return await get<VerifyRun>('/audit-events/verify-runs/latest');
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        throw error;
      }
    },
    auditVerifyRun: (id) => get(`/audit-events/verify-runs/${pathSegment(id)}`),
  };
}
