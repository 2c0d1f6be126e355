import type { Identifier } from 'react-admin';
import { type AccessWizardState, emptyPick, initialAccessState } from './wizardState';

/**
 * The access order in progress, in the tab's session storage as the VMU wizard keeps its own
 * (pages/orderWizard/draft.ts): a reload or signing in again finds it; another user finds none.
 */
const KEY = 'beh.accessWizard.draft';
const VERSION = 1;

interface Stored {
  version: number;
  owner: string;
  state: AccessWizardState;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

export function loadAccessDraft(owner: Identifier): AccessWizardState {
  const initial = initialAccessState();
  try {
    const text = window.sessionStorage.getItem(KEY);
    if (!text) return initial;
    const stored = JSON.parse(text) as Partial<Stored>;
    if (stored.version !== VERSION || stored.owner !== String(owner) || !isRecord(stored.state)) {
      window.sessionStorage.removeItem(KEY);
      return initial;
    }
    const state = stored.state as Partial<AccessWizardState>;
    return {
      ...initial,
      ...state,
      pick: isRecord(state.pick) ? { ...emptyPick, ...state.pick } : emptyPick,
      lines: Array.isArray(state.lines) ? state.lines : [],
      attestants: isRecord(state.attestants) ? (state.attestants as AccessWizardState['attestants']) : {},
      violations: Array.isArray(state.violations) ? state.violations : [],
      placed: Array.isArray(state.placed) ? state.placed : [],
      person: isRecord(state.person) ? (state.person as AccessWizardState['person']) : null,
    };
  } catch {
    return initial;
  }
}

export function saveAccessDraft(owner: Identifier, state: AccessWizardState): void {
  try {
    const stored: Stored = { version: VERSION, owner: String(owner), state };
    window.sessionStorage.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Storage refused: the wizard works without the safety net.
  }
}

export function clearAccessDraft(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
