/** The audit log as `GET /api/audit-events` returns it: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

/** An event; `before` and `after` are the snapshots of what changed, any JSON. */
export type AuditEvent = Schemas['AuditEventView'];

/** `GET /api/audit-events/verify`: the chain recomputed from its start. */
export type ChainVerification = Schemas['ChainIntact'] | Schemas['ChainBroken'];
