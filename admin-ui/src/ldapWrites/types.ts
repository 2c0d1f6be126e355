/**
 * The writes back to KIV as `GET /api/ldap-writes` returns them (server:
 * directory/ldap/write-back.queries.ts, LdapWriteItem). Written out here until src/api/schema.d.ts
 * is generated again with the route; then `components['schemas']['LdapWriteItem']`.
 */
export const LDAP_WRITE_STATUSES = ['PENDING', 'FAILED', 'DONE'] as const;
export type LdapWriteStatus = (typeof LDAP_WRITE_STATUSES)[number];
export type LdapWriteOutcome = 'WRITTEN' | 'ALREADY' | 'STILL_HELD';

export interface LdapWrite {
  id: string;
  orderId: string | null;
  reason: 'GRANT' | 'REVOKE' | 'GRANT_ENDED';
  operation: 'ADD' | 'REMOVE';
  personId: string;
  personName: string;
  personHsaId: string;
  assignmentId: string;
  assignmentName: string;
  commissionHsaId: string;
  careUnitName: string;
  status: LdapWriteStatus;
  outcome: LdapWriteOutcome | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
}
