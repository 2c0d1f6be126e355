import type { Identifier } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import type {
  LookupKey,
  OrderableAssignment,
  OrderableUnit,
  OrderType,
  OrderViolation,
  PlacedOrder,
} from '../../orders/types';
import { toggleUnit } from '../../orders/UnitTree';
import type { PersonDetail } from '../../types';
import { type AccessLine, type AccessPick, emptyPick } from '../../accessOrders/lines';

/** The steps of the stepper, then the receipt. */
export type WizardStep = 'person' | 'assignments' | 'review' | 'receipt';
export const STEPS: readonly WizardStep[] = ['person', 'assignments', 'review'];

/**
 * The step as the address names it (`#/bestallning/vmu?steg=granska`): Back, Forward and a reload
 * follow the address, and signing in again returns to it.
 */
export const STEP_PARAM = 'steg';
const STEP_SLUGS: Record<WizardStep, string> = {
  person: 'personuppgifter',
  assignments: 'behorigheter',
  review: 'granska',
  receipt: 'kvitto',
};
export const stepSlug = (step: WizardStep): string => STEP_SLUGS[step];
export const stepOfSlug = (slug: string | null): WizardStep =>
  (Object.keys(STEP_SLUGS) as WizardStep[]).find((step) => STEP_SLUGS[step] === slug) ?? 'person';

/** The step before `step` ("Föregående"); the first step has none. */
export const previousStep = (step: WizardStep): WizardStep | undefined =>
  step === 'assignments' ? 'person' : step === 'review' ? 'assignments' : undefined;

/** A ticked assignment, with the unit it belongs to (the summary groups by unit). */
export interface ChosenLine {
  unit: Pick<OrderableUnit, 'careUnitId' | 'careUnitName' | 'administrationName'>;
  assignment: OrderableAssignment;
}

/**
 * Everything the orderer has chosen so far. It lives in the wizard page, above the steps, so that
 * "Föregående" and "Nästa" never lose a choice, and is kept in the tab's session storage (draft.ts)
 * so that a reload or signing in again finds it. The step is not here: the address holds it.
 */
export interface WizardState {
  lookupKey: LookupKey;
  lookupValue: string;
  person: PersonDetail | null;
  type: OrderType;
  /** Ticked assignments in the order they were ticked. */
  lines: ChosenLine[];
  /**
   * Units the orderer opened or closed in the tree (care unit ids as strings): a unit starts closed,
   * except when it is the only one.
   */
  toggledUnits: string[];
  /** careUnitId → chosen attestant. */
  attestants: Record<string, Identifier>;
  /**
   * Template lines sent with the assignments (issue 14): an assignment that requires local access
   * is sent only together with one ("Lägg till behörighetsmall" on the review step).
   */
  accessLines: AccessLine[];
  /** The review step's template picker, kept like every other choice. */
  accessPick: AccessPick;
  /** accessOperationId → chosen attestant of the template lines. */
  accessAttestants: Record<string, Identifier>;
  startDate: string;
  urgent: boolean;
  comment: string;
  /** What the server refused in the last send. */
  violations: OrderViolation[];
  /** The soft rules' warnings the server named in the last send (`order-warnings`), if any. */
  serverWarnings: OrderWarning[];
  /** The orderer confirmed the review step's warnings ("Jag har kontrollerat …"). */
  confirmedWarnings: boolean;
  placed: PlacedOrder[];
}

/**
 * A soft rule's warning on one line of a send (`urn:beh:problem:order-warnings`): the order is
 * allowed once the orderer confirms it.
 */
export interface OrderWarning {
  code: string;
  line: number;
  assignmentId: Identifier;
  careUnitId: Identifier;
  message: string;
}

export type WizardAction =
  | { kind: 'lookupKey'; lookupKey: LookupKey }
  | { kind: 'lookupValue'; lookupValue: string }
  | { kind: 'found'; person: PersonDetail | null }
  | { kind: 'goTo'; step: WizardStep }
  | { kind: 'type'; type: OrderType }
  | { kind: 'toggleUnit'; careUnitId: string }
  | { kind: 'toggleLine'; line: ChosenLine }
  | { kind: 'removeLine'; assignmentId: Identifier }
  | { kind: 'attestant'; careUnitId: string; attestantId: Identifier }
  | { kind: 'defaultAttestant'; careUnitId: string; attestantId: Identifier }
  | { kind: 'accessPick'; pick: Partial<AccessPick> }
  | { kind: 'addAccessLine'; line: AccessLine }
  | { kind: 'removeAccessLine'; key: string }
  | { kind: 'accessAttestant'; operationId: string; attestantId: Identifier }
  | { kind: 'defaultAccessAttestant'; operationId: string; attestantId: Identifier }
  | { kind: 'startDate'; startDate: string }
  | { kind: 'urgent'; urgent: boolean }
  | { kind: 'comment'; comment: string }
  | { kind: 'refused'; violations: OrderViolation[] }
  | { kind: 'warned'; warnings: OrderWarning[] }
  | { kind: 'confirmWarnings'; confirmed: boolean }
  | { kind: 'placed'; placed: PlacedOrder[] }
  | { kind: 'restart' };

export const initialWizardState = (): WizardState => ({
  lookupKey: 'personnummer',
  lookupValue: '',
  person: null,
  type: 'GRANT',
  lines: [],
  toggledUnits: [],
  attestants: {},
  accessLines: [],
  accessPick: emptyPick,
  accessAttestants: {},
  startDate: todayInStockholm(),
  urgent: false,
  comment: '',
  violations: [],
  serverWarnings: [],
  confirmedWarnings: false,
  placed: [],
});

/** Whether the orderer would lose anything by starting over. */
export const hasWork = (state: WizardState): boolean =>
  state.person !== null ||
  state.lookupValue.trim() !== '' ||
  state.lines.length > 0 ||
  (state.accessLines?.length ?? 0) > 0 ||
  state.comment !== '';

/** Which steps the state allows: steps 2 and 3 need a person, the receipt a placed order. */
export const reachable = (state: WizardState, step: WizardStep): boolean =>
  step === 'person' || (step === 'receipt' ? state.placed.length > 0 : state.person !== null);

const sameId = (a: Identifier, b: Identifier) => String(a) === String(b);

/** What a new end user or a new order type makes stale: the ticked lines and the per-unit choices. */
const withoutChoices = (state: WizardState): WizardState => ({
  ...state,
  placed: [],
  lines: [],
  toggledUnits: [],
  attestants: {},
  accessLines: [],
  accessPick: emptyPick,
  accessAttestants: {},
  violations: [],
  serverWarnings: [],
  confirmedWarnings: false,
});

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.kind) {
    case 'lookupKey':
      return { ...state, lookupKey: action.lookupKey };
    case 'lookupValue':
      return { ...state, lookupValue: action.lookupValue };
    case 'found':
      // Only Avslut can be ordered for someone without an active engagement.
      return {
        ...withoutChoices(state),
        person: action.person,
        type: action.person && !action.person.active ? 'REVOKE' : 'GRANT',
      };
    case 'goTo':
      // The page moves between steps through the address (OrderWizardPage); nothing to keep here.
      return state;
    case 'type':
      return action.type === state.type ? state : { ...withoutChoices(state), type: action.type };
    case 'toggleUnit':
      return { ...state, toggledUnits: toggleUnit(state.toggledUnits, action.careUnitId) };
    case 'toggleLine': {
      const ticked = state.lines.some((line) => sameId(line.assignment.id, action.line.assignment.id));
      return {
        ...state,
        violations: [],
        serverWarnings: [],
        confirmedWarnings: false,
        lines: ticked
          ? state.lines.filter((line) => !sameId(line.assignment.id, action.line.assignment.id))
          : [...state.lines, action.line],
      };
    }
    case 'removeLine':
      return {
        ...state,
        violations: state.violations.filter(
          (violation) =>
            violation.assignmentId === undefined || !sameId(violation.assignmentId, action.assignmentId),
        ),
        serverWarnings: state.serverWarnings.filter(
          (warning) => !sameId(warning.assignmentId, action.assignmentId),
        ),
        lines: state.lines.filter((line) => !sameId(line.assignment.id, action.assignmentId)),
      };
    case 'attestant':
      return { ...state, attestants: { ...state.attestants, [action.careUnitId]: action.attestantId } };
    case 'defaultAttestant':
      // The only one who may attest there; never overrides a choice the orderer made.
      return action.careUnitId in state.attestants
        ? state
        : { ...state, attestants: { ...state.attestants, [action.careUnitId]: action.attestantId } };
    case 'accessPick':
      return { ...state, accessPick: { ...state.accessPick, ...action.pick } };
    case 'addAccessLine':
      return {
        ...state,
        violations: [],
        accessLines: [...state.accessLines.filter((line) => line.key !== action.line.key), action.line],
        accessPick: {
          ...emptyPick,
          areaId: state.accessPick.areaId,
          operationId: state.accessPick.operationId,
        },
      };
    case 'removeAccessLine':
      return {
        ...state,
        violations: [],
        accessLines: state.accessLines.filter((line) => line.key !== action.key),
      };
    case 'accessAttestant':
      return {
        ...state,
        accessAttestants: { ...state.accessAttestants, [action.operationId]: action.attestantId },
      };
    case 'defaultAccessAttestant':
      return action.operationId in state.accessAttestants
        ? state
        : {
            ...state,
            accessAttestants: { ...state.accessAttestants, [action.operationId]: action.attestantId },
          };
    case 'startDate':
      return { ...state, startDate: action.startDate };
    case 'urgent':
      return { ...state, urgent: action.urgent };
    case 'comment':
      return { ...state, comment: action.comment };
    case 'refused':
      return { ...state, violations: action.violations };
    case 'warned':
      // The server named warnings the orderer had not confirmed: they must confirm again.
      return { ...state, serverWarnings: action.warnings, confirmedWarnings: false };
    case 'confirmWarnings':
      return { ...state, confirmedWarnings: action.confirmed };
    case 'placed':
      // The draft is done: only the receipt's order numbers are kept.
      return { ...initialWizardState(), placed: action.placed };
    case 'restart':
      return initialWizardState();
  }
}

/** The ticked lines grouped by care unit, units in the order they were first ticked. */
export function linesByUnit(lines: ChosenLine[]): { unit: ChosenLine['unit']; lines: ChosenLine[] }[] {
  const groups = new Map<string, { unit: ChosenLine['unit']; lines: ChosenLine[] }>();
  for (const line of lines) {
    const key = String(line.unit.careUnitId);
    const group = groups.get(key) ?? { unit: line.unit, lines: [] };
    group.lines.push(line);
    groups.set(key, group);
  }
  return [...groups.values()];
}
