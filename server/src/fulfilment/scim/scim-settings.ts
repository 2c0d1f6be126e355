import type { AppConfig } from '../../config/app-config.js';

/** The SCIM delivery's settings (config/scim.config.ts: SCIM_MAX_ATTEMPTS, SCIM_TIMEOUT_SECONDS). */
export interface ScimSettings {
  /** Attempts before a SCIM part becomes a work item for the system's administrators. */
  maxAttempts: number;
  /** Seconds each request to a SCIM server may take. */
  timeoutSeconds: number;
}

export const SCIM_DEFAULTS: ScimSettings = { maxAttempts: 5, timeoutSeconds: 10 };

/** The loaded settings, or the defaults where the configuration has none. */
export function scimSettings(config: AppConfig): ScimSettings {
  const loaded = (config as AppConfig & { scim?: Partial<ScimSettings> }).scim;
  return { ...SCIM_DEFAULTS, ...loaded };
}

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
