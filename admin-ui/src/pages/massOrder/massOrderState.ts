import type { Identifier } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import type { OrderType } from '../../orders/types';
import type { CandidateFilter, CheckResult, Member, PersonRow, PersonVerdict, PlacedBatch } from './types';

/**
 * What the orderer has put together for one assignment: people to add (the right-hand list), members
 * to remove, and the send's details. Kept in the page, so searching again never loses a choice, and
 * in the tab's session storage (draft.ts), so Back, a reload or a new sign-in never loses it either.
 */
export interface MassOrderState {
  /** To be added, in the order they were moved right. */
  chosen: PersonRow[];
  /** Ids of `chosen` (as strings), for the lists' look-ups among a thousand. */
  chosenIds: ReadonlySet<string>;
  /** Members ticked "Ta bort". */
  removals: Member[];
  attestantId: Identifier | undefined;
  startDate: string;
  urgent: boolean;
  comment: string;
  /** The last pre-check, or the refusals of a refused send. */
  check: CheckResult | null;
  /** The people or details changed since `check`. */
  checkStale: boolean;
  /** The last submitted "Sök person(er)", to show its hits again after a reload. */
  search: CandidateFilter | null;
  /** The orderer has confirmed the warnings (soft rules) the check showed for these people. */
  confirmedWarnings: boolean;
  placed: PlacedBatch | null;
}

export type MassOrderAction =
  | { kind: 'choose'; persons: PersonRow[] }
  | { kind: 'unchoose'; ids: string[] }
  | { kind: 'unchooseAll' }
  | { kind: 'toggleRemoval'; member: Member }
  | { kind: 'undoRemovals' }
  | { kind: 'drop'; verdicts: PersonVerdict[] }
  | { kind: 'attestant'; attestantId: Identifier }
  | { kind: 'defaultAttestant'; attestantId: Identifier }
  | { kind: 'startDate'; startDate: string }
  | { kind: 'urgent'; urgent: boolean }
  | { kind: 'comment'; comment: string }
  | { kind: 'checked'; check: CheckResult }
  /** A send refused for unconfirmed warnings: the check with them, still current otherwise. */
  | { kind: 'warned'; check: CheckResult }
  | { kind: 'search'; filter: CandidateFilter }
  | { kind: 'confirmWarnings'; confirmed: boolean }
  | { kind: 'reset' }
  | { kind: 'placed'; placed: PlacedBatch };

export const initialMassOrderState = (): MassOrderState => ({
  chosen: [],
  chosenIds: new Set(),
  removals: [],
  attestantId: undefined,
  startDate: todayInStockholm(),
  urgent: false,
  comment: '',
  check: null,
  checkStale: false,
  search: null,
  confirmedWarnings: false,
  placed: null,
});

const idsOf = (persons: PersonRow[]): ReadonlySet<string> =>
  new Set(persons.map((person) => String(person.id)));

const withChosen = (state: MassOrderState, chosen: PersonRow[]): MassOrderState => ({
  ...state,
  chosen,
  chosenIds: idsOf(chosen),
  checkStale: state.check !== null,
  // Other people, other warnings: a confirmation covers only the people it was given for.
  confirmedWarnings: false,
});

/**
 * The attestant and the date are judged for the whole send, never per person: changing them leaves the
 * persons' verdicts standing and drops only what was said about the old choice.
 */
const withoutSendVerdicts = (state: MassOrderState): MassOrderState =>
  state.check ? { ...state, check: { ...state.check, violations: [] } } : state;

const key = (personId: Identifier, type: OrderType) => `${type}:${String(personId)}`;

export function massOrderReducer(state: MassOrderState, action: MassOrderAction): MassOrderState {
  switch (action.kind) {
    case 'choose': {
      const seen = new Set(state.chosenIds);
      const added = action.persons.filter((person) => {
        const id = String(person.id);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      return added.length === 0 ? state : withChosen(state, [...state.chosen, ...added]);
    }
    case 'unchoose': {
      const dropped = new Set(action.ids);
      return withChosen(
        state,
        state.chosen.filter((person) => !dropped.has(String(person.id))),
      );
    }
    case 'unchooseAll':
      return withChosen(state, []);
    case 'toggleRemoval': {
      const id = String(action.member.id);
      const ticked = state.removals.some((member) => String(member.id) === id);
      return {
        ...state,
        removals: ticked
          ? state.removals.filter((member) => String(member.id) !== id)
          : [...state.removals, action.member],
        checkStale: state.check !== null,
        confirmedWarnings: false,
      };
    }
    case 'undoRemovals':
      return { ...state, removals: [], checkStale: state.check !== null };
    case 'drop': {
      // "Ta bort ur beställningen": a refused grant leaves the right-hand list, a refused revoke is unticked.
      const dropped = new Set(action.verdicts.map((verdict) => key(verdict.personId, verdict.type)));
      return {
        ...withChosen(
          state,
          state.chosen.filter((person) => !dropped.has(key(person.id, 'GRANT'))),
        ),
        removals: state.removals.filter((member) => !dropped.has(key(member.id, 'REVOKE'))),
        // Dropping what was refused leaves the verdicts of everyone else as they were.
        checkStale: state.checkStale,
      };
    }
    case 'attestant':
      return { ...withoutSendVerdicts(state), attestantId: action.attestantId };
    case 'defaultAttestant':
      return state.attestantId === undefined ? { ...state, attestantId: action.attestantId } : state;
    case 'startDate':
      return { ...withoutSendVerdicts(state), startDate: action.startDate };
    case 'urgent':
      return { ...state, urgent: action.urgent };
    case 'comment':
      return { ...state, comment: action.comment };
    case 'checked':
      return { ...state, check: action.check, checkStale: false };
    case 'warned':
      return { ...state, check: action.check, confirmedWarnings: false };
    case 'search':
      return { ...state, search: { ...action.filter } };
    case 'confirmWarnings':
      return { ...state, confirmedWarnings: action.confirmed };
    case 'reset':
      // "Ångra": everything put together is thrown away; the search stays, it is no part of the order.
      return { ...initialMassOrderState(), search: state.search };
    case 'placed':
      return { ...state, placed: action.placed };
  }
}

/** The refusals that still concern someone in the send. */
export function openRefusals(state: MassOrderState): PersonVerdict[] {
  if (!state.check || !Array.isArray(state.check.persons)) return [];
  const removalIds = new Set(state.removals.map((member) => String(member.id)));
  return state.check.persons.filter(
    (verdict) =>
      !verdict.ok &&
      (verdict.type === 'GRANT'
        ? state.chosenIds.has(String(verdict.personId))
        : removalIds.has(String(verdict.personId))),
  );
}
