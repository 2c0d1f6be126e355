import type { Identifier } from 'react-admin';
import { problemOf } from '../../common/problem';
import type { MassOrderState } from './massOrderState';
import type { CheckResult, PersonVerdict } from './types';

/**
 * Soft rules (issue 13, point 4): what the server warns about per person, e.g. ENGAGEMENT_ELSEWHERE
 * (all of the person's active engagements are at other units than the assignment's). A warning does
 * not refuse: the orderer confirms it before the send, and the server refuses a send with warnings
 * that were not confirmed (422 `order-warnings`).
 */
export interface PersonWarning {
  code: string;
  message: string;
}

/** Someone in the send with the warnings that concern them. */
export interface WarnedPerson {
  personId: Identifier;
  type: PersonVerdict['type'];
  warnings: PersonWarning[];
}

export const WARNINGS_PROBLEM = 'urn:beh:problem:order-warnings';

const isWarning = (value: unknown): value is PersonWarning =>
  typeof value === 'object' &&
  value !== null &&
  'code' in value &&
  typeof value.code === 'string' &&
  'message' in value &&
  typeof value.message === 'string';

/** A verdict's warnings (an optional member beside what the check answered before soft rules). */
export const warningsOf = (verdict: PersonVerdict): PersonWarning[] => {
  const { warnings } = verdict as PersonVerdict & { warnings?: unknown };
  return Array.isArray(warnings) ? warnings.filter(isWarning) : [];
};

/** The warnings that still concern someone in the send. */
export function openWarnings(state: MassOrderState): WarnedPerson[] {
  if (!state.check || !Array.isArray(state.check.persons)) return [];
  const removalIds = new Set(state.removals.map((member) => String(member.id)));
  return state.check.persons.flatMap((verdict) => {
    const inSend =
      verdict.type === 'GRANT'
        ? state.chosenIds.has(String(verdict.personId))
        : removalIds.has(String(verdict.personId));
    const warnings = warningsOf(verdict);
    return inSend && warnings.length > 0
      ? [{ personId: verdict.personId, type: verdict.type, warnings }]
      : [];
  });
}

/** A send refused for unconfirmed warnings: `warnings: [{ code, personId, message }]`; null otherwise. */
export function warningRefusal(error: unknown): { personId: string; warning: PersonWarning }[] | null {
  const problem = problemOf(error);
  if (!problem || problem.type !== WARNINGS_PROBLEM || !Array.isArray(problem.warnings)) return null;
  return problem.warnings.flatMap((value: unknown) =>
    isWarning(value) &&
    'personId' in value &&
    (typeof value.personId === 'string' || typeof value.personId === 'number')
      ? [{ personId: String(value.personId), warning: { code: value.code, message: value.message } }]
      : [],
  );
}

/** The check with the refused send's warnings put on its persons (grants: the soft rule is about adding). */
export function withWarnings(
  check: CheckResult | null,
  warned: { personId: string; warning: PersonWarning }[],
  removalIds: ReadonlySet<string>,
): CheckResult {
  const byPerson = new Map<string, PersonWarning[]>();
  for (const { personId, warning } of warned)
    byPerson.set(personId, [...(byPerson.get(personId) ?? []), warning]);
  const persons = (check?.persons ?? []).map((verdict) => {
    const id = String(verdict.personId);
    const warnings = byPerson.get(id);
    if (!warnings) return verdict;
    byPerson.delete(id);
    return { ...verdict, warnings };
  });
  for (const [personId, warnings] of byPerson) {
    persons.push({
      personId,
      type: removalIds.has(personId) ? 'REVOKE' : 'GRANT',
      ok: true,
      violations: [],
      warnings,
    } as PersonVerdict);
  }
  return { ok: check?.ok ?? true, violations: check?.violations ?? [], persons };
}
