import type { PersonDetail } from '../../types';
import type { OrderWarning, WizardState } from './wizardState';

/** What the review step warns about on one care unit of the send. */
export interface UnitWarning {
  careUnitId: string;
  /** The server's message, when it named this unit's lines in an `order-warnings` answer. */
  serverMessage?: string;
}

/**
 * Rule 2d as the review step can tell before sending: a Nyupplägg on a care unit where the person
 * has no active engagement while all their active engagements are elsewhere. The server checks it
 * again (on the start date); the units it names in an `order-warnings` answer are added.
 */
export function unitWarnings(
  state: Pick<WizardState, 'type' | 'lines' | 'serverWarnings'> & { person: PersonDetail },
): UnitWarning[] {
  const engaged = new Set(
    state.person.engagements.filter((engagement) => engagement.active).map((e) => String(e.careUnitId)),
  );
  const units = new Map<string, UnitWarning>();
  if (state.type === 'GRANT' && engaged.size > 0) {
    for (const line of state.lines) {
      const careUnitId = String(line.unit.careUnitId);
      if (!engaged.has(careUnitId)) units.set(careUnitId, { careUnitId });
    }
  }
  for (const warning of state.serverWarnings) {
    const careUnitId = String(warning.careUnitId);
    units.set(careUnitId, { careUnitId, serverMessage: warning.message });
  }
  return [...units.values()];
}

/** The units where the person is actively engaged, by name, for the warning's text. */
export const engagedUnitNames = (person: PersonDetail): string =>
  [...new Set(person.engagements.filter((engagement) => engagement.active).map((e) => e.careUnitName))].join(
    ', ',
  );

/** The warnings of an `order-warnings` problem, as far as they are well formed. */
export function warningsIn(value: unknown): OrderWarning[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (warning): warning is OrderWarning =>
      typeof warning === 'object' &&
      warning !== null &&
      typeof (warning as OrderWarning).message === 'string' &&
      (warning as OrderWarning).careUnitId !== undefined,
  );
}
