import type { Identifier } from 'react-admin';
import { initialMassOrderState, type MassOrderState } from './massOrderState';

/**
 * A mass order in progress, kept in the tab's session storage so that Back, a reload or signing in
 * again after a timeout finds it as it was left. One draft per user and assignment: someone else
 * signing in on the same tab never sees it. Cleared by a successful send and by "Ångra".
 */
const PREFIX = 'beh.massOrder.draft';
const VERSION = 1;

type Stored = Omit<MassOrderState, 'chosenIds' | 'placed'> & { version: number };

export const draftKey = (userId: Identifier, assignmentId: Identifier) =>
  `${PREFIX}:${String(userId)}:${String(assignmentId)}`;

/** Whether the draft holds anything the orderer would miss. */
export const hasWork = (state: MassOrderState) =>
  state.chosen.length > 0 || state.removals.length > 0 || state.comment.trim() !== '';

export function loadDraft(key: string): MassOrderState {
  const initial = initialMassOrderState();
  try {
    const text = window.sessionStorage.getItem(key);
    if (!text) return initial;
    const stored = JSON.parse(text) as Partial<Stored>;
    if (stored.version !== VERSION || !Array.isArray(stored.chosen) || !Array.isArray(stored.removals))
      return initial;
    const chosen = stored.chosen;
    return {
      ...initial,
      chosen,
      chosenIds: new Set(chosen.map((person) => String(person.id))),
      removals: stored.removals,
      attestantId: stored.attestantId ?? undefined,
      startDate: typeof stored.startDate === 'string' ? stored.startDate : initial.startDate,
      urgent: stored.urgent === true,
      comment: typeof stored.comment === 'string' ? stored.comment : '',
      check: stored.check && Array.isArray(stored.check.persons) ? stored.check : null,
      checkStale: stored.checkStale === true,
      search: stored.search ?? null,
      confirmedWarnings: stored.confirmedWarnings === true,
    };
  } catch {
    // Unreadable (another version's shape, storage refused): start afresh rather than fail.
    return initial;
  }
}

export function saveDraft(key: string, state: MassOrderState): void {
  try {
    if (!hasWork(state) && state.search === null && state.attestantId === undefined) {
      window.sessionStorage.removeItem(key);
      return;
    }
    const stored: Stored = {
      version: VERSION,
      chosen: state.chosen,
      removals: state.removals,
      attestantId: state.attestantId,
      startDate: state.startDate,
      urgent: state.urgent,
      comment: state.comment,
      check: state.check,
      checkStale: state.checkStale,
      search: state.search,
      confirmedWarnings: state.confirmedWarnings,
    };
    window.sessionStorage.setItem(key, JSON.stringify(stored));
  } catch {
    // Storage full or refused: the page still works, only a reload would lose the draft.
  }
}

export function clearDraft(key: string): void {
  try {
    window.sessionStorage.removeItem(key);
  } catch {
    // Nothing stored.
  }
}
