import { problemOf, violationsIn } from '../../common/problem';
import type { CheckResult, PersonVerdict, RuleViolation } from './types';

const isVerdict = (value: unknown): value is PersonVerdict =>
  typeof value === 'object' &&
  value !== null &&
  'personId' in value &&
  (typeof value.personId === 'string' || typeof value.personId === 'number') &&
  'type' in value &&
  (value.type === 'GRANT' || value.type === 'REVOKE') &&
  'violations' in value &&
  Array.isArray(value.violations);

/**
 * A refused send (422 `mass-order-rule`, or 409 when another send took a line) names the refused persons
 * like the pre-check does; null for any other failure.
 */
export function massRefusal(error: unknown): CheckResult | null {
  const problem = problemOf(error);
  if (!problem) return null;
  const { persons, violations } = problem;
  if (!Array.isArray(persons) && !Array.isArray(violations)) return null;
  return {
    ok: false,
    violations: violationsIn<RuleViolation>(violations),
    persons: Array.isArray(persons)
      ? persons.filter(isVerdict).map((verdict) => ({
          ...verdict,
          ok: false,
          violations: violationsIn<RuleViolation>(verdict.violations),
        }))
      : [],
  };
}
