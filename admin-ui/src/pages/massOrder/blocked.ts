import type { Candidate } from './types';

/** Why a hit cannot be moved right; the pre-check on the server has the last word. */
export type Blocked = 'chosen' | 'holds' | 'pending' | 'noEngagement';

export const blockedReason = (candidate: Candidate, chosenIds: ReadonlySet<string>): Blocked | null =>
  chosenIds.has(String(candidate.id))
    ? 'chosen'
    : candidate.holds
      ? 'holds'
      : candidate.pending === 'GRANT'
        ? 'pending'
        : !candidate.hasActiveEngagement
          ? 'noEngagement'
          : null;
