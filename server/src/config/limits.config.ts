import { ConfigError, type Env } from './env.js';

/** At most `limit` requests in any fixed window of `seconds`. */
export interface RateWindow {
  limit: number;
  seconds: number;
}

/**
 * The named rate limits (server/src/limits/ says which routes each covers and whom it counts):
 * each is one or more windows, all of which a request must pass.
 */
export interface LimitsConfig {
  /** Sign-in attempts per client address: dev sign-in, SAML login start, SAML assertion consumer (RATE_LIMIT_SIGN_IN). */
  signIn: RateWindow[];
  /** Person lookups and person details opened, per signed-in person (RATE_LIMIT_PERSON_LOOKUP). */
  personLookup: RateWindow[];
  /** Sign requests made and signatures submitted, per signed-in person (RATE_LIMIT_SIGN). */
  sign: RateWindow[];
  /** CSV exports started, per signed-in person (RATE_LIMIT_EXPORT). */
  export: RateWindow[];
  /** Lists imported into a mass order (each up to 5,000 persons looked up), per signed-in person (RATE_LIMIT_MASS_ORDER_IMPORT). */
  massOrderImport: RateWindow[];
}

export type LimitName = keyof LimitsConfig;

/** Each limit's variable. */
export const LIMIT_VARIABLES: Record<LimitName, string> = {
  signIn: 'RATE_LIMIT_SIGN_IN',
  personLookup: 'RATE_LIMIT_PERSON_LOOKUP',
  sign: 'RATE_LIMIT_SIGN',
  export: 'RATE_LIMIT_EXPORT',
  massOrderImport: 'RATE_LIMIT_MASS_ORDER_IMPORT',
};

/**
 * The defaults, the same in every environment (tests that are not about limits raise them:
 * test/support/test-limits.ts). Chosen so that a person at work never meets them and a script does:
 * - sign-in 30 a minute per address: a SAML sign-in counts twice (start and assertion), so 15
 *   people a minute behind one address (a terminal server) still get in; a flood does not;
 * - person lookups 60 a minute and 600 an hour per person: one a second for a minute is faster
 *   than anyone reads a person, and an hour of it is ten a minute, which no ordering session comes
 *   near; a script reading the region person by person is stopped after 600;
 * - sign 20 a minute per person: every attest is a sign request and a signature (two), and takes
 *   the signer a PIN; ten in a minute is already a batch's work (one batch attest signs many orders);
 * - exports 10 per 10 minutes per person: each streams a whole grid and holds a connection;
 * - mass order imports 30 an hour per person: each looks up to 5,000 persons at once (a bulk
 *   lookup, logged per value); an orderer imports a list or two per mass order and may correct and
 *   import again; 30 full lists are 150,000 lookups, more than the region's whole directory.
 */
export const DEFAULT_LIMITS: LimitsConfig = {
  signIn: [{ limit: 30, seconds: 60 }],
  personLookup: [
    { limit: 60, seconds: 60 },
    { limit: 600, seconds: 3600 },
  ],
  sign: [{ limit: 20, seconds: 60 }],
  export: [{ limit: 10, seconds: 600 }],
  massOrderImport: [{ limit: 30, seconds: 3600 }],
};

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const MAX_LIMIT = 1_000_000_000;
const MAX_WINDOW_SECONDS = 86_400;

/** `30/1m` or `60/1m,600/1h`: count / window (s, m or h), windows separated by commas. */
export function parseWindows(name: string, raw: string): RateWindow[] {
  const windows = raw.split(',').map((part) => {
    const match = /^(\d{1,10})\/(\d{1,5})([smh])$/.exec(part.trim());
    const limit = match ? Number(match[1]) : NaN;
    const seconds = match ? Number(match[2]) * UNIT_SECONDS[match[3]] : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT && seconds >= 1 && seconds <= MAX_WINDOW_SECONDS)) {
      throw new ConfigError(
        name,
        `must be <count>/<window>[,…] with a count 1-${MAX_LIMIT} and a window of 1s-24h in s, m or h, e.g. 60/1m,600/1h (got '${raw}')`,
      );
    }
    return { limit, seconds };
  });
  if (new Set(windows.map((w) => w.seconds)).size !== windows.length) {
    throw new ConfigError(name, `names one window length twice (got '${raw}')`);
  }
  return windows.sort((a, b) => a.seconds - b.seconds);
}

export function loadLimitsConfig(env: Env): LimitsConfig {
  const read = (name: LimitName): RateWindow[] => {
    const raw = env[LIMIT_VARIABLES[name]];
    return raw === undefined || raw === '' ? DEFAULT_LIMITS[name] : parseWindows(LIMIT_VARIABLES[name], raw);
  };
  return {
    signIn: read('signIn'),
    personLookup: read('personLookup'),
    sign: read('sign'),
    export: read('export'),
    massOrderImport: read('massOrderImport'),
  };
}

/** `1m` for 60 seconds, as the variables write a window's length. */
export function formatDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** `60/1m` for a window, as the variables are written. */
export const formatWindow = ({ limit, seconds }: RateWindow): string => `${limit}/${formatDuration(seconds)}`;

/** One line naming every limit in force, for a start log or a benchmark's header. */
export function describeLimits(limits: LimitsConfig): string {
  return (Object.keys(LIMIT_VARIABLES) as LimitName[])
    .map((name) => `${LIMIT_VARIABLES[name]}=${limits[name].map(formatWindow).join(',')}`)
    .join(' ');
}
