import { Button } from '@mui/material';
import { useState } from 'react';
import { Confirm, useNotify, useRedirect, useTranslate } from 'react-admin';
import { hasWork, type WizardAction, type WizardState } from './wizardState';

interface Props {
  state: WizardState;
  dispatch: (action: WizardAction) => void;
}

/**
 * "Ångra": with something chosen it asks first, then throws the draft away and starts over at
 * step 1 (and says so); with nothing chosen it leaves the wizard for the start page.
 */
export const WizardCancel = ({ state, dispatch }: Props) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [asking, setAsking] = useState(false);
  return (
    <>
      <Button
        variant="outlined"
        onClick={() => {
          if (hasWork(state)) setAsking(true);
          else redirect('/');
        }}
      >
        {translate('beh.wizard.cancel')}
      </Button>
      <Confirm
        isOpen={asking}
        title="beh.wizard.cancelDialog.title"
        content="beh.wizardUx.cancelDialog.content"
        confirm="beh.wizard.cancelDialog.confirm"
        cancel="beh.wizard.cancelDialog.keep"
        onConfirm={() => {
          setAsking(false);
          dispatch({ kind: 'restart' });
          notify('beh.wizardUx.cancelled', { type: 'info' });
        }}
        onClose={() => setAsking(false)}
      />
    </>
  );
};
