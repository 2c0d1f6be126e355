import { useLocation } from 'react-admin';

/** What react-admin puts in the sign-in page's location state when it sends a signed-out user there. */
interface NextLocation {
  nextPathname?: unknown;
  nextSearch?: unknown;
}

const SIGN_IN_ROUTE = '/login';

/**
 * A route inside the app, and nothing else: one leading `/` (no `//host`), no backslash, no
 * whitespace or control character (browsers drop those from URLs, which could join `/` and `/host`).
 * The server checks the SAML RelayState the same way (server/src/auth/saml/relay-state.ts).
 */
export function isAppRoute(route: string): boolean {
  return (
    route.length > 0 &&
    route.length <= 1024 &&
    route.startsWith('/') &&
    !route.startsWith('//') &&
    !/[\\\s]/.test(route) &&
    ![...route].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')
  );
}

/**
 * Where to go after sign-in: the page the user was opening (a mail's link, a wizard or mass-order
 * draft address, the page a lost session left), with its query, or else the start page. A user who
 * signed out on purpose arrives without one, so the next person to sign in starts on the start page.
 */
export function returnRoute(state: unknown): string {
  const { nextPathname, nextSearch } = (state ?? {}) as NextLocation;
  if (typeof nextPathname !== 'string' || nextPathname === SIGN_IN_ROUTE) return '/';
  const route = `${nextPathname}${typeof nextSearch === 'string' ? nextSearch : ''}`;
  return isAppRoute(route) ? route : '/';
}

/** The sign-in page's return route, from the location react-admin sent the user there with. */
export function useReturnRoute(): string {
  return returnRoute(useLocation().state);
}
