import { HttpError } from 'react-admin';

/**
 * RFC 9457 problem JSON, as the server answers every refusal (docs/api-contract-directory.md): the
 * Swedish `detail`, `errors` per field, and extension members such as `violations` or `triesLeft`.
 */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** One message per field: react-admin shows one beside each input, the server may send several. */
  errors?: Record<string, string>;
  [extension: string]: unknown;
}

/** A rule a refused order or send broke (`violations`), with whatever else the server names. */
export interface Violation {
  rule: string;
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `errors` as react-admin wants them: several messages for one field joined into one. */
function fieldMessages(errors: unknown): Record<string, string> | undefined {
  if (!isRecord(errors)) return undefined;
  return Object.fromEntries(
    Object.entries(errors).flatMap(([field, messages]) =>
      Array.isArray(messages)
        ? [[field, messages.filter((message) => typeof message === 'string').join(' ')]]
        : typeof messages === 'string'
          ? [[field, messages]]
          : [],
    ),
  );
}

/** The problem in a response body; undefined when the body is no object at all. */
export function parseProblem(body: unknown): Problem | undefined {
  if (!isRecord(body)) return undefined;
  return {
    ...body,
    type: text(body.type),
    title: text(body.title),
    status: typeof body.status === 'number' ? body.status : undefined,
    detail: text(body.detail),
    errors: fieldMessages(body.errors),
  };
}

/**
 * The messages (i18n keys, common/errors i18n) of a failure the server did not explain: the
 * network did not answer (fetch's raw "Failed to fetch"), or a server or proxy failed without a
 * problem `detail` (a bare "Internal Server Error" or "Bad Gateway" page). Each says what happened
 * and what to do, in the user's language.
 */
export const NETWORK_ERROR = 'beh.error.network';
export const SERVER_ERROR = 'beh.error.server';
export const REQUEST_ERROR = 'beh.error.request';
export const SESSION_ERROR = 'beh.error.session';

/** A failure without the server's own words: the app's message for its kind, never the HTTP status text. */
function fallbackMessage(status: number): string {
  if (status === 401) return SESSION_ERROR;
  if (status >= 500) return SERVER_ERROR;
  return REQUEST_ERROR;
}

/**
 * The error a refused request throws: react-admin's HttpError, whose message is the problem's
 * `detail` in the user's language, with the problem as its body so forms find `errors` per field.
 * Without a detail: the server's own `message` (`fallback`), else the app's message for the
 * status; a problem's `title` ("Internal Server Error") or the HTTP status text is never shown.
 */
export function problemError(status: number, body: unknown, fallback?: string): HttpError {
  const problem = parseProblem(body);
  return new HttpError(problem?.detail ?? fallback ?? fallbackMessage(status), status, problem ?? body);
}

/** True for a request that never got an answer, or a server failure (5xx): what the user cannot fix by editing. */
export const isUnavailable = (error: unknown): boolean => {
  const status = httpStatus(error);
  return status !== undefined && (status === 0 || status >= 500);
};

/** The problem a caught error carries, if it is a refused request's. */
export const problemOf = (error: unknown): Problem | undefined =>
  error instanceof HttpError ? parseProblem(error.body) : undefined;

export const httpStatus = (error: unknown): number | undefined =>
  error instanceof HttpError ? error.status : undefined;

export const isNotFound = (error: unknown): boolean => httpStatus(error) === 404;

/** The server's Swedish `detail`, or react-admin's generic text (an i18n key) for a failure without one. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : 'ra.notification.http_error';

/** The server's messages per field (`errors`), if it named any. */
export const fieldErrors = (error: unknown): Record<string, string> | undefined => problemOf(error)?.errors;

/** The server's message for one field (`errors.comment`), if it named that field. */
export const fieldError = (error: unknown, field: string): string | undefined => fieldErrors(error)?.[field];

const isViolation = <T extends Violation>(value: unknown): value is T =>
  isRecord(value) && typeof value.rule === 'string' && typeof value.message === 'string';

/** The rule violations in a problem's `violations` (or a person's, in a mass-order refusal). */
export const violationsIn = <T extends Violation = Violation>(list: unknown): T[] =>
  Array.isArray(list) ? list.filter(isViolation<T>) : [];

/**
 * What to show for a refusal: the `orders` lines of an attest-rule problem when there are several,
 * otherwise the Swedish `detail` (or an i18n key for a failure without one).
 */
export function problemMessages(error: unknown): string[] {
  const orders = problemOf(error)?.orders;
  const lines = Array.isArray(orders)
    ? orders.flatMap((line: unknown) =>
        isRecord(line) && typeof line.message === 'string'
          ? [typeof line.orderNumber === 'string' ? `${line.orderNumber}: ${line.message}` : line.message]
          : [],
      )
    : [];
  return lines.length > 1 ? lines : [errorMessage(error)];
}
