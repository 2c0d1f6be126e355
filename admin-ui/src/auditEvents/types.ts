/** The audit log as `GET /api/audit-events` returns it: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** An event; `before` and `after` are the snapshots of what changed, any JSON. */
export type AuditEvent = Schemas['AuditEventView'];

/** Why the chain is broken. */
export type ChainBreak = Schemas['ChainBreak'];

/** What one `GET /api/audit-events/verify` recomputed. */
export type ChainCoverage = Schemas['ChainCoverage'];

/** `GET /api/audit-events/verify`: the chain since the last checkpoint, whole or where it breaks. */
export type ChainVerification = Schemas['ChainCheckIntact'] | Schemas['ChainCheckBroken'];

export type VerifyRunStatus = Schemas['VerifyRunStatus'];

/** A full verification from the start of the chain, run in the background. */
export type VerifyRun = Schemas['VerifyRunView'];
