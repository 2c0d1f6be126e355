import type { Identifier } from 'react-admin';
import { todayInStockholm } from '../common/dates';
import type { LookupKey } from '../orders/types';
import type { PersonDetail } from '../types';
import { type AccessLine, type AccessPick, emptyPick } from './lines';
import type { AccessOrderType, AccessViolation, PlacedAnyOrder } from './types';

export {
  type AccessLine,
  type AccessPick,
  emptyPick,
  lineKey,
  linesByOperation,
  type OperationGroup,
} from './lines';

/** The same steps as the VMU wizard: Personuppgifter, Behörigheter, Granska / Beställ, then the receipt. */
export type AccessStep = 'person' | 'assignments' | 'review' | 'receipt';

export interface AccessWizardState {
  lookupKey: LookupKey;
  lookupValue: string;
  person: PersonDetail | null;
  type: AccessOrderType;
  pick: AccessPick;
  lines: AccessLine[];
  /** accessOperationId → chosen attestant. */
  attestants: Record<string, Identifier>;
  startDate: string;
  urgent: boolean;
  comment: string;
  violations: AccessViolation[];
  placed: PlacedAnyOrder[];
}

export type AccessWizardAction =
  | { kind: 'lookupKey'; lookupKey: LookupKey }
  | { kind: 'lookupValue'; lookupValue: string }
  | { kind: 'found'; person: PersonDetail | null }
  | { kind: 'goTo'; step: AccessStep }
  | { kind: 'type'; type: AccessOrderType }
  | { kind: 'pick'; pick: Partial<AccessPick> }
  | { kind: 'addLine'; line: AccessLine }
  | { kind: 'toggleLine'; line: AccessLine }
  | { kind: 'removeLine'; key: string }
  | { kind: 'attestant'; operationId: string; attestantId: Identifier }
  | { kind: 'defaultAttestant'; operationId: string; attestantId: Identifier }
  | { kind: 'startDate'; startDate: string }
  | { kind: 'urgent'; urgent: boolean }
  | { kind: 'comment'; comment: string }
  | { kind: 'refused'; violations: AccessViolation[] }
  | { kind: 'placed'; placed: PlacedAnyOrder[] }
  | { kind: 'restart' };

export const initialAccessState = (): AccessWizardState => ({
  lookupKey: 'personnummer',
  lookupValue: '',
  person: null,
  type: 'GRANT',
  pick: emptyPick,
  lines: [],
  attestants: {},
  startDate: todayInStockholm(),
  urgent: false,
  comment: '',
  violations: [],
  placed: [],
});

/** Steps 2 and 3 need a person, the receipt a placed order. */
export const reachable = (state: AccessWizardState, step: AccessStep): boolean =>
  step === 'person' || (step === 'receipt' ? state.placed.length > 0 : state.person !== null);

/** What a new end user or a new order type makes stale. */
const withoutChoices = (state: AccessWizardState): AccessWizardState => ({
  ...state,
  placed: [],
  pick: emptyPick,
  lines: [],
  attestants: {},
  violations: [],
});

export function accessWizardReducer(state: AccessWizardState, action: AccessWizardAction): AccessWizardState {
  switch (action.kind) {
    case 'lookupKey':
      return { ...state, lookupKey: action.lookupKey };
    case 'lookupValue':
      return { ...state, lookupValue: action.lookupValue };
    case 'found':
      // Nyupplägg and Förändring need an active engagement: without one only Avslut remains.
      return {
        ...withoutChoices(state),
        person: action.person,
        type: action.person && !action.person.active ? 'REVOKE' : 'GRANT',
      };
    case 'goTo':
      return state;
    case 'type':
      return action.type === state.type ? state : { ...withoutChoices(state), type: action.type };
    case 'pick':
      return { ...state, pick: { ...state.pick, ...action.pick } };
    case 'addLine': {
      const others = state.lines.filter((line) => line.key !== action.line.key);
      // A choice of the picker is done once added; the område stays for the next line.
      return {
        ...state,
        violations: [],
        lines: [...others, action.line],
        pick: { ...emptyPick, areaId: state.pick.areaId, operationId: state.pick.operationId },
      };
    }
    case 'toggleLine': {
      const ticked = state.lines.some((line) => line.key === action.line.key);
      return {
        ...state,
        violations: [],
        lines: ticked
          ? state.lines.filter((line) => line.key !== action.line.key)
          : [...state.lines, action.line],
      };
    }
    case 'removeLine':
      return {
        ...state,
        violations: state.violations.filter((violation) => violation.templateId === undefined),
        lines: state.lines.filter((line) => line.key !== action.key),
      };
    case 'attestant':
      return { ...state, attestants: { ...state.attestants, [action.operationId]: action.attestantId } };
    case 'defaultAttestant':
      return action.operationId in state.attestants
        ? state
        : { ...state, attestants: { ...state.attestants, [action.operationId]: action.attestantId } };
    case 'startDate':
      return { ...state, startDate: action.startDate };
    case 'urgent':
      return { ...state, urgent: action.urgent };
    case 'comment':
      return { ...state, comment: action.comment };
    case 'refused':
      return { ...state, violations: action.violations };
    case 'placed':
      return { ...initialAccessState(), placed: action.placed };
    case 'restart':
      return initialAccessState();
  }
}
