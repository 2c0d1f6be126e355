/* The SCIM delivery's retry timing (SCIM_MAX_ATTEMPTS and SCIM_TIMEOUT_SECONDS are config/scim.config.ts). */

/** The first retry waits this long; each further one twice as long as the one before … */
export const BACKOFF_BASE_SECONDS = 30;
/** … but never longer than this. */
export const BACKOFF_CAP_SECONDS = 3600;

/** Seconds to the next try after the `failures`-th failed attempt (1, 2, …): 30 s · 2^(n−1), at most 1 h. */
export function backoffSeconds(failures: number): number {
  const exponent = Math.max(0, failures - 1);
  // 2^7 · 30 s already passes the cap; beyond it the power is not computed at all.
  return exponent >= 7
    ? BACKOFF_CAP_SECONDS
    : Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** exponent);
}
