/**
 * The rate limits a benchmark runs with. A benchmark fires thousands of lookups, exports and sign-ins
 * a minute from one session and one address, far past what a person may (README, Rate limits); so
 * every limit is raised out of reach here. The limits still count: each limited request still runs
 * its statement (limits/pg-throttler-storage.ts), so its cost stays in the figures; it is only never
 * refused. Printed in each benchmark's header.
 */
import { LIMIT_VARIABLES } from '../../server/src/config/limits.config.js';

const OUT_OF_REACH = '1000000000/1m';

export const BENCH_LIMITS: Record<string, string> = Object.fromEntries(
  Object.values(LIMIT_VARIABLES).map((name) => [name, OUT_OF_REACH]),
);

export const benchLimitsText = (): string =>
  `rate limits: every limit raised to ${OUT_OF_REACH} (counted on every limited request, never refused)`;
