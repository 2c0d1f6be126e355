import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiCookieAuth, ApiExtension } from '@nestjs/swagger';

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

/**
 * Only for the SAML assertion consumer: the IdP posts it cross-site, so no CSRF token can come
 * with it; the signed response and its single-use InResponseTo protect it instead.
 */
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT_KEY, true);
