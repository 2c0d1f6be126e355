import type { components } from '../api/schema';

/** A row of /api/stand-ins: an attestant's stand-in (Ersättare) for a period (rule 41). */
export type StandIn = components['schemas']['StandInItem'];
