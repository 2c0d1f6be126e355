import { Button } from '@mui/material';
import { useTranslate } from 'react-admin';
import { PersonHit } from './PersonHit';
import { PersonLookupForm } from './PersonLookupForm';
import { WizardCancel } from './WizardCancel';
import { WizardButtons } from './WizardButtons';
import type { WizardAction, WizardState } from './wizardState';

interface Props {
  state: WizardState;
  dispatch: (action: WizardAction) => void;
}

/** Step 1, "Personuppgifter": find the end user and confirm it is the right person. */
export const PersonStep = ({ state, dispatch }: Props) => {
  const translate = useTranslate();
  return (
    <>
      <PersonLookupForm state={state} dispatch={dispatch} />
      {state.person && <PersonHit person={state.person} />}
      <WizardButtons>
        <WizardCancel state={state} dispatch={dispatch} />
        <Button
          variant="contained"
          disabled={!state.person}
          onClick={() => dispatch({ kind: 'goTo', step: 'assignments' })}
        >
          {translate('beh.wizard.continue')}
        </Button>
      </WizardButtons>
    </>
  );
};
