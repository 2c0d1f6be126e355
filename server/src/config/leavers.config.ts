import { type Env, oneOf, wholeNumber } from './env.js';

/**
 * Leavers and movers (issue 15, point 4): what the scheduler does when an engagement ends.
 *
 * LEAVER_REVOKE=attest (the default) places each revoke awaiting the head of unit's attest;
 * `direct` approves and carries it out at its date with no attest. The default is attest because
 * an ended engagement is not always a leaver: the directory is sometimes wrong for a day (an end
 * date typed on the wrong engagement, a move whose new engagement is registered later), and an
 * access removed by mistake stops care work at once, while one kept a few days longer is seen
 * and answered for by the head, who is mailed the list. Every other change of access in BEH is
 * attested too; `direct` is for a region that wants the directory alone to decide.
 */
export interface LeaversConfig {
  revoke: 'attest' | 'direct';
  /** Ended engagements acted on in one transaction (LEAVER_BATCH): one summary mail per head each. */
  batch: number;
}

export function loadLeaversConfig(env: Env): LeaversConfig {
  return {
    revoke: oneOf(env, 'LEAVER_REVOKE', ['attest', 'direct'] as const, 'attest'),
    batch: wholeNumber(env, 'LEAVER_BATCH', 1000, 1, 10000),
  };
}
