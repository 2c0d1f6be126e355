import { type Env, wholeNumber } from './env.js';

/** Carrying out access parts over SCIM (fulfilment/scim): retries and the requests' timeout. */
export interface ScimConfig {
  /** Attempts before a SCIM part becomes a work item for its system's administrators (SCIM_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Seconds each request to a SCIM server may take (SCIM_TIMEOUT_SECONDS). */
  timeoutSeconds: number;
}

export function loadScimConfig(env: Env): ScimConfig {
  return {
    maxAttempts: wholeNumber(env, 'SCIM_MAX_ATTEMPTS', 5, 1, 100),
    timeoutSeconds: wholeNumber(env, 'SCIM_TIMEOUT_SECONDS', 10, 1, 300),
  };
}
