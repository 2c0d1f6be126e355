import { HttpError } from 'react-admin';
import type { OrderViolation } from './types';

/** The problem body of a refused request, as the data provider keeps it on the HttpError. */
const problemBody = (error: unknown): Record<string, unknown> | undefined => {
  if (!(error instanceof HttpError)) return undefined;
  const body: unknown = error.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
};

const isViolation = (value: unknown): value is OrderViolation =>
  typeof value === 'object' &&
  value !== null &&
  'rule' in value &&
  typeof value.rule === 'string' &&
  'message' in value &&
  typeof value.message === 'string';

/** The lines an order-rule refusal names (422/403/409 with `violations`). */
export function orderViolations(error: unknown): OrderViolation[] {
  const violations = problemBody(error)?.violations;
  return Array.isArray(violations) ? violations.filter(isViolation) : [];
}

export const httpStatus = (error: unknown): number | undefined =>
  error instanceof HttpError ? error.status : undefined;

/** The server's Swedish `detail`, or react-admin's generic text for a failure without one. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error && error.message ? error.message : 'ra.notification.http_error';
