import type { ChosenLine, WizardAction, WizardState } from '../pages/orderWizard/wizardState';
import { initialWizardState } from '../pages/orderWizard/wizardState';
import type { AccessWizardAction, AccessWizardState } from './wizardState';

/**
 * The VMU wizard's own components (find the person, Ångra, Tilläggsinformation) serve this wizard
 * too: they read the few fields both wizards share and dispatch the actions both know.
 */
export function asVmuState(state: AccessWizardState): WizardState {
  return {
    ...initialWizardState(),
    lookupKey: state.lookupKey,
    lookupValue: state.lookupValue,
    person: state.person,
    // Only how many matters to them ("Ångra" asks first when something is chosen).
    lines: state.lines as unknown as ChosenLine[],
    startDate: state.startDate,
    urgent: state.urgent,
    comment: state.comment,
  };
}

/** The VMU components' actions that mean the same here; the rest do not occur on the shared parts. */
export function fromVmuAction(action: WizardAction): AccessWizardAction | null {
  switch (action.kind) {
    case 'lookupKey':
    case 'lookupValue':
    case 'found':
    case 'startDate':
    case 'urgent':
    case 'comment':
    case 'restart':
      return action;
    case 'goTo':
      return action;
    default:
      return null;
  }
}
