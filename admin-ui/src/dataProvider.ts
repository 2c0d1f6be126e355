import simpleRestProvider from 'ra-data-simple-rest';
import { type DataProvider, fetchUtils, HttpError } from 'react-admin';
import { csrfHeaders, withCsrfRetry } from './auth/csrf';
import { type AttestApi, attestApi } from './attest/api';
import { type AuditApi, auditApi } from './auditEvents/api';
import { type DelegationApi, delegationApi } from './delegations/api';
import { type OrderApi, orderApi } from './orders/api';
import { type MassOrderApi, massOrderApi } from './pages/massOrder/api';

export const API_URL = '/api';

/** RFC 9457 problem JSON as the server sends it (docs/api-contract-directory.md). */
interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[] | string>;
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && ('detail' in body || 'title' in body);
}

/** react-admin sets one message per form field; the server may send several. */
function fieldErrors(errors: Problem['errors']): Record<string, string> | undefined {
  if (!errors) return undefined;
  return Object.fromEntries(
    Object.entries(errors).map(([field, messages]) => [
      field,
      Array.isArray(messages) ? messages.join(' ') : messages,
    ]),
  );
}

/** Turns a problem answer into the HttpError react-admin shows: Swedish `detail`, `errors` per field. */
function toHttpError(error: HttpError): HttpError {
  const body: unknown = error.body;
  if (!isProblem(body)) return error;
  return new HttpError(body.detail ?? body.title ?? error.message, error.status, {
    ...body,
    errors: fieldErrors(body.errors),
  });
}

/**
 * Headers added to a request, by method. Sign-in (issue 3) adds the `X-CSRF-Token` header for
 * every non-GET request here.
 */
export type RequestHeaders = (method: string) => Record<string, string> | Promise<Record<string, string>>;

export type HttpClient = typeof fetchUtils.fetchJson;

export function createHttpClient(requestHeaders: RequestHeaders = () => ({})): HttpClient {
  return async (url: string, options: fetchUtils.Options = {}) => {
    const method = (options.method ?? 'GET').toUpperCase();
    const headers = new Headers(options.headers);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
    for (const [name, value] of Object.entries(await requestHeaders(method))) headers.set(name, value);
    try {
      // The session cookie goes along with every request (same origin in production, proxied in dev).
      return await fetchUtils.fetchJson(url, { ...options, headers, credentials: 'include' });
    } catch (error) {
      throw error instanceof HttpError ? toHttpError(error) : error;
    }
  };
}

/** ra-data-simple-rest's CRUD plus the portal's calls that are not CRUD (atomic-crm style). */
export type BehDataProvider = DataProvider & DelegationApi & OrderApi & MassOrderApi & AuditApi & AttestApi;

export function createDataProvider(httpClient: HttpClient = createHttpClient()): BehDataProvider {
  return {
    ...simpleRestProvider(API_URL, httpClient),
    ...delegationApi(API_URL, httpClient),
    ...orderApi(API_URL, httpClient),
    ...massOrderApi(API_URL, httpClient),
    ...auditApi(API_URL, httpClient),
    ...attestApi(API_URL, httpClient),
  };
}

/**
 * The portal's one HTTP client, also for calls outside the data provider (sign-in, lookups). Every
 * non-GET request carries the session's CSRF token.
 */
export const httpClient = withCsrfRetry(createHttpClient(csrfHeaders));

export const dataProvider = createDataProvider(httpClient);
