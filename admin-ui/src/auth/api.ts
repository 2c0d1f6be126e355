/** The sign-in endpoints (docs/api-contract-auth.md), on the portal's one HTTP client. */
import { API_URL, httpClient, jsonCalls } from '../common/http';
import type { AuthMethods, DevUser, Me } from './types';

const { get, post } = jsonCalls(API_URL, httpClient);

export const fetchMe = (): Promise<Me> => get('/me');

export const fetchAuthMethods = (): Promise<AuthMethods> => get('/auth/methods');

export const fetchDevUsers = (): Promise<DevUser[]> => get('/auth/dev-users');

export const postDevLogin = (userId: string): Promise<Me> => post('/auth/dev-login', { userId });

/**
 * Signs out of BEH. A session that came from the IdP, with single logout configured, answers
 * where to sign out at the IdP too (its LogoutRequest); otherwise nothing.
 */
export async function postLogout(): Promise<string | undefined> {
  const answer = await post<{ idpLogoutUrl?: string } | undefined>('/auth/logout');
  return answer?.idpLogoutUrl;
}

/** Where the browser goes to sign in with SITHS through the regional IdP; it comes back to `returnTo`. */
export const samlLoginUrl = (returnTo: string): string =>
  `${API_URL}/auth/saml/login?relayState=${encodeURIComponent(returnTo)}`;
