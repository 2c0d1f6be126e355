/** The audit log as `GET /api/audit-events` returns it (server/src/audit/audit.service.ts). */
import type { RaRecord } from 'react-admin';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface AuditEvent extends RaRecord {
  /** ISO timestamp. */
  at: string;
  /** The person who acted; null when the system acted by itself (the scheduler). */
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: JsonValue;
  after: JsonValue;
  prevHash: string;
  hash: string;
}

/** `GET /api/audit-events/verify`: the chain recomputed from its start. */
export type ChainVerification =
  | { ok: true; count: number }
  | {
      ok: false;
      count: number;
      firstBrokenId: string | null;
      reason: 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'HEAD_MISMATCH';
      detail: string;
    };
