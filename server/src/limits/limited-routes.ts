import type { LimitName } from '../config/limits.config.js';

/** Whom a limit counts: the client's address, or the signed-in person (their address when none). */
export type Counted = 'ip' | 'user';

export interface NamedLimit {
  name: LimitName;
  /** The `limit` of the 429 problem, a stable code clients can branch on. */
  code: string;
  counted: Counted;
  /** The Swedish sentence of the 429 before "Försök igen om …". */
  refusal: string;
}

export const LIMITS: Record<LimitName, NamedLimit> = {
  signIn: {
    name: 'signIn',
    code: 'sign-in',
    counted: 'ip',
    refusal: 'För många inloggningsförsök från din adress.',
  },
  personLookup: {
    name: 'personLookup',
    code: 'person-lookup',
    counted: 'user',
    refusal: 'Du har slagit upp eller öppnat för många personer på kort tid.',
  },
  sign: {
    name: 'sign',
    code: 'sign',
    counted: 'user',
    refusal: 'För många signeringsförsök på kort tid.',
  },
  export: {
    name: 'export',
    code: 'export',
    counted: 'user',
    refusal: 'Du har gjort för många exporter på kort tid.',
  },
  massOrderImport: {
    name: 'massOrderImport',
    code: 'mass-order-import',
    counted: 'user',
    refusal: 'Du har importerat för många listor till massbeställningar på kort tid.',
  },
};

/**
 * Which route is counted under which limit, by method and express path pattern (with the /api
 * prefix, as `req.route.path` has it). Every other route is not limited and costs nothing here.
 * All routes of one limit share its count.
 */
const ROUTES: Record<string, LimitName> = {
  'POST /api/auth/dev-login': 'signIn',
  'GET /api/auth/saml/login': 'signIn',
  'POST /api/auth/saml/acs': 'signIn',
  'GET /api/persons/lookup': 'personLookup',
  'GET /api/persons/:id': 'personLookup',
  // Deciding an attest (the sign request over the decision) and submitting its signature.
  'POST /api/attest/sign-requests': 'sign',
  'POST /api/signing/:requestId/sign': 'sign',
  // A bulk person lookup (up to 5,000 at once), counted apart from the single lookups.
  'POST /api/mass-orders/import': 'massOrderImport',
};

/** The routes named above, for a test that checks each still exists. */
export const NAMED_ROUTES: readonly string[] = Object.keys(ROUTES);

/**
 * The limit of a route, or undefined. Every CSV export (`GET /api/<grid>/export`, design.md, CSV
 * export) is counted under `export`, including grids added later. HEAD is GET's: express answers
 * it with the GET handler.
 */
export function limitOfRoute(method: string, path: string): NamedLimit | undefined {
  const verb = method === 'HEAD' ? 'GET' : method;
  const name =
    ROUTES[`${verb} ${path}`] ?? (verb === 'GET' && path.endsWith('/export') ? 'export' : undefined);
  return name && LIMITS[name];
}
