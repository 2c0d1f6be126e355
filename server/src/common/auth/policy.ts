import { SetMetadata } from '@nestjs/common';

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

export const Public = () => SetMetadata(POLICY_KEY, 'public' satisfies Policy);
export const SignedIn = () => SetMetadata(POLICY_KEY, 'signedIn' satisfies Policy);
export const RightsHolder = () => SetMetadata(POLICY_KEY, 'rightsHolder' satisfies Policy);
export const Delegator = () => SetMetadata(POLICY_KEY, 'delegator' satisfies Policy);
export const AdminOnly = () => SetMetadata(POLICY_KEY, 'administrator' satisfies Policy);

/**
 * Only for the SAML assertion consumer: the IdP posts it cross-site, so no CSRF token can come
 * with it; the signed response and its single-use InResponseTo protect it instead.
 */
export const CsrfExempt = () => SetMetadata(CSRF_EXEMPT_KEY, true);
