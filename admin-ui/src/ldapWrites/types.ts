import type { components } from '../api/schema';

/**
 * The writes back to KIV as `GET /api/ldap-writes` returns them (server:
 * directory/ldap/write-back.queries.ts, LdapWriteItem), from the generated API description.
 */
export const LDAP_WRITE_STATUSES = ['PENDING', 'FAILED', 'DONE'] as const;
export type LdapWriteStatus = (typeof LDAP_WRITE_STATUSES)[number];
export type LdapWriteOutcome = 'WRITTEN' | 'ALREADY' | 'STILL_HELD';

export type LdapWrite = components['schemas']['LdapWriteItem'];
