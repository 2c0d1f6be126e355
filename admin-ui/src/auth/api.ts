/** The sign-in endpoints (docs/api-contract-auth.md), on the portal's one HTTP client. */
import { API_URL, httpClient } from '../dataProvider';
import type { AuthMethods, DevUser, Me } from './types';

export async function fetchMe(): Promise<Me> {
  const { json } = await httpClient(`${API_URL}/me`);
  return json as Me;
}

export async function fetchAuthMethods(): Promise<AuthMethods> {
  const { json } = await httpClient(`${API_URL}/auth/methods`);
  return json as AuthMethods;
}

export async function fetchDevUsers(): Promise<DevUser[]> {
  const { json } = await httpClient(`${API_URL}/auth/dev-users`);
  return json as DevUser[];
}

export async function postDevLogin(userId: string): Promise<Me> {
  const { json } = await httpClient(`${API_URL}/auth/dev-login`, {
    method: 'POST',
    body: JSON.stringify({ userId }),
  });
  return json as Me;
}

export async function postLogout(): Promise<void> {
  await httpClient(`${API_URL}/auth/logout`, { method: 'POST' });
}

/** Where the browser goes to sign in with SITHS through the regional IdP; it comes back to `returnTo`. */
export const samlLoginUrl = (returnTo: string): string =>
  `${API_URL}/auth/saml/login?relayState=${encodeURIComponent(returnTo)}`;
