import { HttpError } from 'react-admin';
import type { CheckResult, PersonVerdict, RuleViolation } from './types';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const isViolation = (value: unknown): value is RuleViolation =>
  isRecord(value) && typeof value.rule === 'string' && typeof value.message === 'string';

const isVerdict = (value: unknown): value is PersonVerdict =>
  isRecord(value) &&
  (typeof value.personId === 'string' || typeof value.personId === 'number') &&
  (value.type === 'GRANT' || value.type === 'REVOKE') &&
  Array.isArray(value.violations);

/**
 * A refused send (422 `mass-order-rule`, or 409 when another send took a line) names the refused persons
 * like the pre-check does; null for any other failure.
 */
export function massRefusal(error: unknown): CheckResult | null {
  if (!(error instanceof HttpError) || !isRecord(error.body)) return null;
  const { persons, violations } = error.body;
  if (!Array.isArray(persons) && !Array.isArray(violations)) return null;
  return {
    ok: false,
    violations: Array.isArray(violations) ? violations.filter(isViolation) : [],
    persons: Array.isArray(persons)
      ? persons.filter(isVerdict).map((verdict) => ({
          ...verdict,
          ok: false,
          violations: verdict.violations.filter(isViolation),
        }))
      : [],
  };
}
