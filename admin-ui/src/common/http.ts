import { HttpError } from 'react-admin';
import { isUnavailable, NETWORK_ERROR, REQUEST_ERROR, httpStatus, problemError, problemOf } from './problem';

/**
 * The portal's one HTTP client: the data provider, every feature's api and the signing window call
 * the API through it. JSON both ways, the session cookie, the CSRF header on every request that
 * changes something (design.md "API"), and a refusal thrown as react-admin's HttpError with the
 * problem's Swedish message. Plain fetch, so the signing window carries none of react-admin's
 * request code.
 */

export const API_URL = '/api';

/** An answer, in the shape ra-data-simple-rest reads (that of react-admin's `fetchUtils.fetchJson`). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  body: string;
  json: unknown;
}

export type HttpClient = (url: string, options?: RequestInit) => Promise<HttpResponse>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const CSRF_PROBLEM = 'urn:beh:problem:csrf';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // An empty or non-JSON answer (204, a proxy's error page) has no JSON: not an error in itself.
    return undefined;
  }
}

/** One request, without the CSRF header. */
async function send(url: string, options: RequestInit, headers: Headers): Promise<HttpResponse> {
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
  headers.set('Accept-Language', document.documentElement.lang === 'en' ? 'en' : 'sv'); // <html lang>: i18nProvider
  // The session cookie goes along with every request (same origin in production, proxied in dev).
  let response: Response;
  let body: string;
  try {
    response = await fetch(url, { ...options, headers, credentials: 'include' });
    body = await response.text();
  } catch (error) {
    // An aborted request is the caller's doing; anything else is the network ("Failed to fetch").
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new HttpError(NETWORK_ERROR, 0, undefined);
  }
  const json = parseJson(body);
  if (!response.ok) {
    const message = typeof json === 'object' && json !== null && 'message' in json ? json.message : undefined;
    throw problemError(response.status, json, typeof message === 'string' && message ? message : undefined);
  }
  return { status: response.status, headers: response.headers, body, json };
}

let csrfToken: Promise<string> | undefined;

async function fetchCsrfToken(): Promise<string> {
  const { json } = await send(`${API_URL}/auth/csrf`, {}, new Headers()).catch((error: unknown) => {
    // The user asked for the request the token was for, not for the token: the app's text for the
    // failure's kind (the network or the server down says so, a refusal of the token gets the generic one).
    throw error instanceof HttpError && !isUnavailable(error)
      ? new HttpError(REQUEST_ERROR, error.status, error.body)
      : error;
  });
  if (typeof json !== 'object' || json === null || !('token' in json) || typeof json.token !== 'string')
    throw new Error('GET /api/auth/csrf answered without a token');
  return json.token;
}

/** The session's CSRF token, fetched once and shared by concurrent requests. */
function sessionCsrfToken(): Promise<string> {
  if (!csrfToken) {
    const token = fetchCsrfToken();
    csrfToken = token;
    // A failed fetch must not stick: the next request tries again.
    token.catch(() => {
      if (csrfToken === token) csrfToken = undefined;
    });
  }
  return csrfToken;
}

/** Sign-in and sign-out give the browser a new session, and with it a new token. */
export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

/** A 403 whose problem type says the token was missing or stale (the session was renewed elsewhere). */
const isCsrfRejection = (error: unknown): boolean =>
  httpStatus(error) === 403 && problemOf(error)?.type === CSRF_PROBLEM;

async function request(url: string, options: RequestInit = {}): Promise<HttpResponse> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers = new Headers(options.headers);
  // As react-admin's fetchJson: a body sent without a type is JSON.
  if (
    options.body &&
    !SAFE_METHODS.has(method) &&
    !headers.has('Content-Type') &&
    !(options.body instanceof FormData)
  )
    headers.set('Content-Type', 'application/json');
  if (!SAFE_METHODS.has(method)) headers.set('X-CSRF-Token', await sessionCsrfToken());
  return send(url, options, headers);
}

/**
 * Retries a request that changes something once with a fresh token when the server rejects the
 * token: after an idle timeout or a sign-in in another tab the cached token belongs to a session
 * that is gone.
 */
export const httpClient: HttpClient = async (url, options) => {
  try {
    return await request(url, options);
  } catch (error) {
    if (!isCsrfRejection(error)) throw error;
    forgetCsrfToken();
    return request(url, options);
  }
};

/** An id as one path segment. */
export const pathSegment = (id: string | number): string => encodeURIComponent(String(id));

/** A query string; URLSearchParams encodes the "+" of ÅÅMMDD+NNNN, which would otherwise arrive as a space. */
export const queryString = (params: Record<string, string>): string => new URLSearchParams(params).toString();

/** The JSON calls of a feature's api: GET, and POST or PATCH with a JSON body. */
export function jsonCalls(apiUrl: string, client: HttpClient) {
  const get = async <T>(path: string): Promise<T> => (await client(`${apiUrl}${path}`)).json as T;
  const withBody =
    (method: 'POST' | 'PATCH') =>
    async <T>(path: string, body?: object): Promise<T> =>
      (
        await client(`${apiUrl}${path}`, {
          method,
          body: body === undefined ? undefined : JSON.stringify(body),
        })
      ).json as T;
  return { get, post: withBody('POST'), patch: withBody('PATCH') };
}
