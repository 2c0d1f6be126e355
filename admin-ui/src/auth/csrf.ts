import { HttpError } from 'react-admin';
import type { HttpClient } from '../dataProvider';

const CSRF_URL = '/api/auth/csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_PROBLEM = 'urn:beh:problem:csrf';

let token: Promise<string> | undefined;

async function fetchToken(): Promise<string> {
  const response = await fetch(CSRF_URL, { credentials: 'include', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new HttpError('ra.notification.http_error', response.status);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null || !('token' in body) || typeof body.token !== 'string')
    throw new Error('GET /api/auth/csrf answered without a token');
  return body.token;
}

/** The session's CSRF token, fetched once and shared by concurrent requests. */
export function csrfToken(): Promise<string> {
  if (!token) {
    token = fetchToken();
    // A failed fetch must not stick: the next request tries again.
    token.catch(() => {
      token = undefined;
    });
  }
  return token;
}

/** Sign-in and sign-out give the browser a new session, and with it a new token. */
export function forgetCsrfToken(): void {
  token = undefined;
}

/** The header every non-GET request under /api must carry. */
export async function csrfHeaders(method: string): Promise<Record<string, string>> {
  if (SAFE_METHODS.has(method.toUpperCase())) return {};
  return { 'X-CSRF-Token': await csrfToken() };
}

/** A 403 whose problem type says the token was missing or stale (the session was renewed elsewhere). */
export function isCsrfRejection(error: unknown): boolean {
  if (!(error instanceof HttpError) || error.status !== 403) return false;
  const body: unknown = error.body;
  return typeof body === 'object' && body !== null && 'type' in body && body.type === CSRF_PROBLEM;
}

/**
 * Retries a non-GET request once with a fresh token when the server rejects the token: after an
 * idle timeout or a sign-in in another tab the cached token belongs to a session that is gone.
 */
export function withCsrfRetry(client: HttpClient): HttpClient {
  return async (url, options) => {
    try {
      return await client(url, options);
    } catch (error) {
      if (!isCsrfRejection(error)) throw error;
      forgetCsrfToken();
      return client(url, options);
    }
  };
}
