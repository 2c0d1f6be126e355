import { HttpError } from 'react-admin';

/** The problem body the data provider keeps on a refused request's HttpError. */
const bodyOf = (error: unknown): Record<string, unknown> | undefined =>
  error instanceof HttpError && typeof error.body === 'object' && error.body !== null
    ? (error.body as Record<string, unknown>)
    : undefined;

export const isNotFound = (error: unknown): boolean => error instanceof HttpError && error.status === 404;

/** The server's Swedish message for one field (`errors.comment`), if it named that field. */
export function fieldError(error: unknown, field: string): string | undefined {
  const errors = bodyOf(error)?.errors;
  if (typeof errors !== 'object' || errors === null) return undefined;
  const message: unknown = (errors as Record<string, unknown>)[field];
  return typeof message === 'string' ? message : undefined;
}

/**
 * What to show for a refusal: the `orders` lines of an attest-rule problem when there are several,
 * otherwise the Swedish `detail` (or an i18n key for a failure without one).
 */
export function problemMessages(error: unknown): string[] {
  const orders = bodyOf(error)?.orders;
  const lines = Array.isArray(orders)
    ? orders.flatMap((line: unknown) =>
        typeof line === 'object' && line !== null && 'message' in line && typeof line.message === 'string'
          ? [
              'orderNumber' in line && typeof line.orderNumber === 'string'
                ? `${line.orderNumber}: ${line.message}`
                : line.message,
            ]
          : [],
      )
    : [];
  if (lines.length > 1) return lines;
  return [error instanceof Error && error.message ? error.message : 'ra.notification.http_error'];
}
