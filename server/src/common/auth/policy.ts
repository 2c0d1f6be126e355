import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension } from '@nestjs/swagger';

/**
 * Who may call a route. Every controller method (or its controller) names one; the global
 * AuthGuard refuses a route that names none, so a forgotten endpoint is closed, not open.
 * Checks that depend on the data ("heads this very unit") belong in the services.
 *
 * - `public`: anyone, signed in or not;
 * - `signedIn`: any signed-in person;
 * - `rightsHolder`: an administrator, a head of some unit or a holder of an active delegation;
 * - `delegator`: an administrator or a head of some unit (may grant delegations);
 * - `administrator`: administrators only.
 */
export type Policy = 'public' | 'signedIn' | 'rightsHolder' | 'delegator' | 'administrator';

export const POLICY_KEY = 'beh:policy';
export const CSRF_EXEMPT_KEY = 'beh:csrf-exempt';

/**
 * The policy, and the same in the OpenAPI description (`x-beh-policy`, and the session cookie as
 * the security of every route but the public ones), so the contract cannot say otherwise.
 */
function policy(name: Policy) {
  const documented =
    name === 'public'
      ? [ApiExtension('x-beh-policy', name)]
      : [ApiExtension('x-beh-policy', name), ApiCookieAuth('session')];
  return applyDecorators(SetMetadata(POLICY_KEY, name), ...documented);
}

export const Public = () => policy('public');
export const SignedIn = () => policy('signedIn');
export const RightsHolder = () => policy('rightsHolder');
export const Delegator = () => policy('delegator');
export const AdminOnly = () => policy('administrator');

export const AUDITOR_READ_KEY = 'beh:auditor-read';

/**
 * Opens a GET route to auditors (Revisorer: persons administrators made auditors, docs/domain.md,
 * Roles) beside the route's policy, whatever that policy is: an auditor reads it region-wide, as an
 * administrator reads it. The route must read through `CurrentReader`, which gives an auditor the
 * same person with rights that read as an administrator's (Rights.readingRegionWide). Only GET:
 * the guard never lets the mark open another method, so an auditor changes nothing. A route
 * without the mark stays closed to the auditor's role (deny by default); a later read route
 * (reviews, reports) opens to auditors with this one decorator. Documented as `x-beh-auditor`.
 */
export const AuditorReads = () =>
  applyDecorators(SetMetadata(AUDITOR_READ_KEY, true), ApiExtension('x-beh-auditor', true));

/**
 * Only for the SAML assertion consumer: the IdP posts it cross-site, so no CSRF token can come
 * with it; the signed response and its single-use InResponseTo protect it instead.
 */
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT_KEY, true);

/**
 * What an API client (another system: the region's service desk, reporting) may be granted. Each
 * scope opens exactly the GET routes that name it with `@ClientScope`; a client may call nothing
 * else (deny by default, whatever the route's policy, public ones included) and never writes.
 *
 * - `orders:read`: the order history and an order's view, region-wide (`GET /api/orders`, `/:id`);
 * - `holdings:read`: who holds which assignment (`GET /api/held-assignments`, `/:id`);
 * - `delegations:read`: the delegations, region-wide (`GET /api/delegations`, `/:id`);
 * - `persons:lookup`: one person by personnummer, passport number or HSA-id (`GET /api/persons/lookup`).
 *
 * The audit log is not offered: it holds every change's before and after and stays with
 * administrators.
 */
export const CLIENT_SCOPES = ['orders:read', 'holdings:read', 'delegations:read', 'persons:lookup'] as const;
export type ClientScopeName = (typeof CLIENT_SCOPES)[number];

export const CLIENT_SCOPE_KEY = 'beh:client-scope';

/**
 * Opens a GET route to API clients holding `scope` (bearer token, docs/design.md, API clients),
 * beside the route's policy for signed-in persons. The route must read through `CurrentReader`,
 * which gives a client a read-only, region-wide reader instead of a person. Documented as the
 * bearer scheme with the scope in `x-beh-client-scope`.
 */
export const ClientScope = (scope: ClientScopeName) =>
  applyDecorators(
    SetMetadata(CLIENT_SCOPE_KEY, scope),
    ApiExtension('x-beh-client-scope', scope),
    ApiBearerAuth('bearer'),
  );
