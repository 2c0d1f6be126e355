import { Alert, Button, Typography } from '@mui/material';
import { useState } from 'react';
import { Confirm, useRedirect, useTranslate } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import { LabeledValue, LabeledValues } from '../../orders/LabeledValue';
import type { PersonDetail } from '../../types';
import { AdditionalInfo } from './AdditionalInfo';
import { EndUserSummary } from './EndUserSummary';
import { ReviewUnit } from './ReviewUnit';
import { usePlaceOrder } from './usePlaceOrder';
import { WizardButtons } from './WizardButtons';
import { linesByUnit, type WizardAction, type WizardState } from './wizardState';

interface Props {
  state: WizardState & { person: PersonDetail };
  dispatch: (action: WizardAction) => void;
}

/** Step 3, "Granska / Beställ": the summary per care unit, attestants, date, and the send. */
export const ReviewStep = ({ state, dispatch }: Props) => {
  const translate = useTranslate();
  const redirect = useRedirect();
  const [confirmCancel, setConfirmCancel] = useState(false);
  const today = todayInStockholm();
  const groups = linesByUnit(state.lines);
  const { send, sending, attempted, refusal } = usePlaceOrder(state, dispatch, today);

  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 900, mb: 2 }}>
        {translate('beh.wizard.reviewHelp')}
      </Typography>
      <LabeledValues>
        <LabeledValue label="beh.wizard.orderType">{translate(`beh.orders.type.${state.type}`)}</LabeledValue>
      </LabeledValues>
      <EndUserSummary person={state.person} withTitle />
      <Typography variant="h6" component="h3" gutterBottom>
        {translate('beh.wizard.assignments')}
      </Typography>
      {groups.length === 0 && (
        <Alert severity="warning" sx={{ mb: 2, maxWidth: 900 }}>
          {translate('beh.wizard.nothingLeft')}
        </Alert>
      )}
      {groups.map(({ unit, lines }) => (
        <ReviewUnit
          key={unit.careUnitId}
          unit={unit}
          lines={lines}
          violations={state.violations}
          attestantId={state.attestants[String(unit.careUnitId)]}
          showMissing={attempted}
          dispatch={dispatch}
        />
      ))}
      <AdditionalInfo
        type={state.type}
        startDate={state.startDate}
        today={today}
        urgent={state.urgent}
        comment={state.comment}
        dispatch={dispatch}
      />
      {refusal && (
        <Alert severity="error" sx={{ mt: 3, maxWidth: 900 }} role="alert">
          {refusal.map((message) => (
            <div key={message}>{message}</div>
          ))}
        </Alert>
      )}
      <WizardButtons>
        <Button variant="outlined" onClick={() => setConfirmCancel(true)}>
          {translate('beh.wizard.cancel')}
        </Button>
        <Button variant="outlined" onClick={() => dispatch({ kind: 'goTo', step: 'assignments' })}>
          {translate('beh.wizard.previous')}
        </Button>
        <Button variant="contained" disabled={sending || groups.length === 0} onClick={() => void send()}>
          {translate('beh.wizard.send')}
        </Button>
      </WizardButtons>
      <Confirm
        isOpen={confirmCancel}
        title="beh.wizard.cancelDialog.title"
        content="beh.wizard.cancelDialog.content"
        confirm="beh.wizard.cancelDialog.confirm"
        cancel="beh.wizard.cancelDialog.keep"
        onConfirm={() => {
          setConfirmCancel(false);
          dispatch({ kind: 'restart' });
          redirect('/');
        }}
        onClose={() => setConfirmCancel(false)}
      />
    </>
  );
};
