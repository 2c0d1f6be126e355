import { Alert, Button, Typography } from '@mui/material';
import { useRef } from 'react';
import { useTranslate } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import { LabeledValue, LabeledValues } from '../../orders/LabeledValue';
import type { PersonDetail } from '../../types';
import { needsAccessSection, VmuAccessSection } from '../../accessOrders/VmuAccessSection';
import { AdditionalInfo } from './AdditionalInfo';
import { EndUserSummary } from './EndUserSummary';
import { ReviewUnit } from './ReviewUnit';
import { usePlaceOrder } from './usePlaceOrder';
import { WarningConfirmation } from './WarningConfirmation';
import { unitWarnings } from './warnings';
import { WizardButtons } from './WizardButtons';
import { WizardCancel } from './WizardCancel';
import { linesByUnit, type WizardAction, type WizardState } from './wizardState';

interface Props {
  state: WizardState & { person: PersonDetail };
  dispatch: (action: WizardAction) => void;
}

/** Step 3, "Granska / Beställ": the summary per care unit, warnings, attestants, date, and the send. */
export const ReviewStep = ({ state, dispatch }: Props) => {
  const translate = useTranslate();
  const today = todayInStockholm();
  const groups = linesByUnit(state.lines);
  const warnings = unitWarnings(state);
  const confirmation = useRef<HTMLInputElement>(null);
  const { send, sending, attempted, refusal } = usePlaceOrder(
    state,
    dispatch,
    today,
    warnings.length > 0,
    () => confirmation.current?.focus(),
  );

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
          person={state.person}
          warning={warnings.find((warning) => warning.careUnitId === String(unit.careUnitId))}
          violations={state.violations}
          attestantId={state.attestants[String(unit.careUnitId)]}
          showMissing={attempted}
          dispatch={dispatch}
        />
      ))}
      {needsAccessSection(state) && (
        <VmuAccessSection state={state} dispatch={dispatch} showMissing={attempted} />
      )}
      <AdditionalInfo
        type={state.type}
        startDate={state.startDate}
        today={today}
        urgent={state.urgent}
        comment={state.comment}
        dispatch={dispatch}
      />
      {warnings.length > 0 && groups.length > 0 && (
        <WarningConfirmation
          ref={confirmation}
          count={warnings.length}
          confirmed={state.confirmedWarnings}
          showMissing={attempted && !state.confirmedWarnings}
          onChange={(confirmed) => dispatch({ kind: 'confirmWarnings', confirmed })}
        />
      )}
      {refusal && (
        <Alert severity="error" sx={{ mt: 3, maxWidth: 900 }} role="alert">
          {refusal.map((message) => (
            <div key={message}>{message}</div>
          ))}
        </Alert>
      )}
      <WizardButtons>
        <WizardCancel state={state} dispatch={dispatch} />
        <Button variant="outlined" onClick={() => dispatch({ kind: 'goTo', step: 'assignments' })}>
          {translate('beh.wizard.previous')}
        </Button>
        <Button variant="contained" disabled={sending || groups.length === 0} onClick={() => void send()}>
          {translate('beh.wizard.send')}
        </Button>
      </WizardButtons>
    </>
  );
};
