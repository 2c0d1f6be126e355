import type { Identifier } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import type { OrderType } from '../../orders/types';
import type { CheckResult, Member, PersonRow, PersonVerdict, PlacedBatch } from './types';

/**
 * What the orderer has put together for one assignment: people to add (the right-hand list), members
 * to remove, and the send's details. Kept in the page, so searching again never loses a choice.
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
  placed: null,
});

const idsOf = (persons: PersonRow[]): ReadonlySet<string> =>
  new Set(persons.map((person) => String(person.id)));

const withChosen = (state: MassOrderState, chosen: PersonRow[]): MassOrderState => ({
  ...state,
  chosen,
  chosenIds: idsOf(chosen),
  checkStale: state.check !== null,
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
    case 'placed':
      return { ...state, placed: action.placed };
  }
}

/** The refusals that still concern someone in the send. */
export function openRefusals(state: MassOrderState): PersonVerdict[] {
  if (!state.check) return [];
  const removalIds = new Set(state.removals.map((member) => String(member.id)));
  return state.check.persons.filter(
    (verdict) =>
      !verdict.ok &&
      (verdict.type === 'GRANT'
        ? state.chosenIds.has(String(verdict.personId))
        : removalIds.has(String(verdict.personId))),
  );
}
