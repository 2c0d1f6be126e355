/** The audit log as `GET /api/audit-events` returns it: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** An event; `before` and `after` are the snapshots of what changed, any JSON. */
export type AuditEvent = Schemas['AuditEventView'];

/** Why the chain is broken (ChainBreak). */
export type ChainBreak = Schemas['ChainBroken']['reason'];

/*
 * The verification answers below are the server's ChainCheckIntact/ChainCheckBroken, ChainCoverage
 * and VerifyRunView (server/src/audit/audit-verify.types.ts), written out until the generated
 * schema (npm run openapi) has them; then they become aliases like AuditEvent.
 */

/** What one `GET /api/audit-events/verify` recomputed. */
export interface ChainCoverage {
  /** true: it started after a checkpoint; false: from the start of the chain. */
  incremental: boolean;
  checkpoint: { eventId: string; count: number; verifiedAt: string } | null;
  fromId: string | null;
  toId: string | null;
  checked: number;
  headId: string | null;
  /** false: it stopped at its time limit before the head; the next check goes on. */
  complete: boolean;
  /** The full run whose break this answer repeats. */
  brokenByRunId: string | null;
}

/** `GET /api/audit-events/verify`: the chain since the last checkpoint, whole or where it breaks. */
export type ChainVerification =
  | { ok: true; count: number; covered: ChainCoverage }
  | {
      ok: false;
      count: number;
      firstBrokenId: string | null;
      reason: ChainBreak;
      detail: string;
      covered: ChainCoverage;
    };

export type VerifyRunStatus = 'RUNNING' | 'INTACT' | 'BROKEN' | 'FAILED';

/** A full verification from the start of the chain, run in the background. */
export interface VerifyRun {
  id: string;
  status: VerifyRunStatus;
  startedBy: string | null;
  startedAt: string;
  heartbeatAt: string;
  finishedAt: string | null;
  toId: string | null;
  total: number | null;
  checked: number;
  count: number | null;
  firstBrokenId: string | null;
  reason: ChainBreak | null;
  detail: string | null;
}
