import type { components } from '../api/schema';

/** A row of /api/auditors: a person administrators made a read-only auditor (Revisorer, issue 17). */
export type Auditor = components['schemas']['AuditorItem'];
