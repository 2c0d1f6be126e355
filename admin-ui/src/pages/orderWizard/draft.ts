import type { Identifier } from 'react-admin';
import { initialWizardState, type WizardState } from './wizardState';

/**
 * The order in progress, kept in the tab's session storage so that a reload, Back into the wizard
 * or signing in again after a timeout finds it as it was left. One draft per tab and user: someone
 * else signing in on the same tab finds none (and the other user's draft is dropped). Session
 * storage dies with the tab; the receipt and "Ångra" clear the choices.
 */
const KEY = 'beh.wizard.draft';
const VERSION = 1;

interface Stored {
  version: number;
  owner: string;
  state: WizardState;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The stored draft of `owner`, or a fresh state; anything unreadable starts afresh. */
export function loadDraft(owner: Identifier): WizardState {
  const initial = initialWizardState();
  try {
    const text = window.sessionStorage.getItem(KEY);
    if (!text) return initial;
    const stored = JSON.parse(text) as Partial<Stored>;
    if (stored.version !== VERSION || stored.owner !== String(owner) || !isRecord(stored.state)) {
      window.sessionStorage.removeItem(KEY);
      return initial;
    }
    const state = stored.state as Partial<WizardState>;
    return {
      ...initial,
      ...state,
      lines: Array.isArray(state.lines) ? state.lines : [],
      toggledUnits: Array.isArray(state.toggledUnits) ? state.toggledUnits : [],
      attestants: isRecord(state.attestants) ? (state.attestants as WizardState['attestants']) : {},
      accessLines: Array.isArray(state.accessLines) ? state.accessLines : [],
      accessPick: isRecord(state.accessPick)
        ? { ...initial.accessPick, ...state.accessPick }
        : initial.accessPick,
      accessAttestants: isRecord(state.accessAttestants)
        ? (state.accessAttestants as WizardState['accessAttestants'])
        : {},
      violations: Array.isArray(state.violations) ? state.violations : [],
      serverWarnings: Array.isArray(state.serverWarnings) ? state.serverWarnings : [],
      placed: Array.isArray(state.placed) ? state.placed : [],
      person: isRecord(state.person) ? (state.person as WizardState['person']) : null,
    };
  } catch {
    // Another version's shape, or storage refused: start afresh rather than fail.
    return initial;
  }
}

export function saveDraft(owner: Identifier, state: WizardState): void {
  try {
    const stored: Stored = { version: VERSION, owner: String(owner), state };
    window.sessionStorage.setItem(KEY, JSON.stringify(stored));
  } catch {
    // Storage full or refused (private mode): the wizard still works, only without the safety net.
  }
}

export function clearDraft(): void {
  try {
    window.sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}
