import { Alert, Button, Typography } from '@mui/material';
import { useCallback } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { todayInStockholm } from '../common/dates';
import { LabeledValue, LabeledValues } from '../orders/LabeledValue';
import { AdditionalInfo } from '../pages/orderWizard/AdditionalInfo';
import { EndUserSummary } from '../pages/orderWizard/EndUserSummary';
import { WizardButtons } from '../pages/orderWizard/WizardButtons';
import { WizardCancel } from '../pages/orderWizard/WizardCancel';
import type { WizardAction, WizardState } from '../pages/orderWizard/wizardState';
import type { PersonDetail } from '../types';
import { ReviewOperation } from './ReviewOperation';
import { messagesByLine } from './send';
import { useSendAccessOrder } from './useSendAccessOrder';
import { type AccessWizardAction, type AccessWizardState, linesByOperation } from './wizardState';

interface Props {
  state: AccessWizardState & { person: PersonDetail };
  dispatch: (action: AccessWizardAction) => void;
  /** The VMU wizard's parts (Ångra, Tilläggsinformation) read and dispatch through these. */
  vmuState: WizardState;
  vmuDispatch: (action: WizardAction) => void;
}

/** Step 3, "Granska / Beställ": lines per verksamhet with attestant, Startdatum, Akut, Kommentar, send. */
export const AccessReviewStep = ({ state, dispatch, vmuState, vmuDispatch }: Props) => {
  const translate = useTranslate();
  const today = todayInStockholm();
  const groups = linesByOperation(state.lines);
  const { byLine } = messagesByLine(state.lines, state.violations);
  const { send, sending, attempted, refusal } = useSendAccessOrder(state, dispatch, today);
  const onAttestant = useCallback(
    (operationId: string, attestantId: Identifier) =>
      dispatch({ kind: 'attestant', operationId, attestantId }),
    [dispatch],
  );
  const onOnlyAttestant = useCallback(
    (operationId: string, attestantId: Identifier) =>
      dispatch({ kind: 'defaultAttestant', operationId, attestantId }),
    [dispatch],
  );

  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 900, mb: 2 }}>
        {translate('beh.accessOrders.reviewHelp')}
      </Typography>
      <LabeledValues>
        <LabeledValue label="beh.wizard.orderType">{translate(`beh.orders.type.${state.type}`)}</LabeledValue>
      </LabeledValues>
      <EndUserSummary person={state.person} withTitle />
      <Typography variant="h6" component="h3" gutterBottom>
        {translate('beh.accessOrders.reviewLines')}
      </Typography>
      {groups.length === 0 && (
        <Alert severity="warning" sx={{ mb: 2, maxWidth: 900 }}>
          {translate('beh.accessOrders.nothingLeft')}
        </Alert>
      )}
      {groups.map((group) => (
        <ReviewOperation
          key={group.operationId}
          group={group}
          messages={byLine}
          attestantId={state.attestants[group.operationId]}
          showMissing={attempted}
          onRemove={(key) => dispatch({ kind: 'removeLine', key })}
          onAttestant={onAttestant}
          onOnlyAttestant={onOnlyAttestant}
        />
      ))}
      <AdditionalInfo
        type={state.type === 'REVOKE' ? 'REVOKE' : 'GRANT'}
        startDate={state.startDate}
        today={today}
        urgent={state.urgent}
        comment={state.comment}
        dispatch={vmuDispatch}
      />
      {refusal && (
        <Alert severity="error" sx={{ mt: 3, maxWidth: 900 }} role="alert">
          {refusal.map((message) => (
            <div key={message}>{message}</div>
          ))}
        </Alert>
      )}
      <WizardButtons>
        <WizardCancel state={vmuState} dispatch={vmuDispatch} />
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
