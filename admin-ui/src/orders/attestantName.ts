import type { Attestant } from './types';

/** "Berg Sara (sarbe3)": last name first, as the seeds' attestant lists read. */
export const attestantLabel = (attestant: Attestant): string =>
  `${attestant.lastName} ${attestant.firstName} (${attestant.userId})`;
