import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useCallback, useMemo } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import { AdditionalInfo } from '../orderWizard/AdditionalInfo';
import { AttestantSelect } from '../orderWizard/AttestantSelect';
import type { WizardAction } from '../orderWizard/wizardState';
import { type MassOrderAction, type MassOrderState, openRefusals } from './massOrderState';
import { RefusalList } from './RefusalList';
import type { MassAssignment, PersonRow } from './types';
import { useMassSend } from './useMassSend';

interface Props {
  assignment: MassAssignment;
  state: MassOrderState;
  dispatch: (action: MassOrderAction) => void;
}

/** "Skicka beställning": what the send holds, the pre-check, attestant, date, Akut, comment. */
export const SendSection = ({ assignment, state, dispatch }: Props) => {
  const translate = useTranslate();
  const { check, send, busy, failure, empty } = useMassSend(assignment.id, state, dispatch);
  const refusals = openRefusals(state);
  const people = useMemo(
    () =>
      new Map<string, PersonRow>([
        ...state.chosen.map((person): [string, PersonRow] => [String(person.id), person]),
        ...state.removals.map((member): [string, PersonRow] => [String(member.id), member]),
      ]),
    [state.chosen, state.removals],
  );
  const onOnlyOne = useCallback(
    (attestantId: Identifier) => dispatch({ kind: 'defaultAttestant', attestantId }),
    [dispatch],
  );
  // The wizard's date, Akut and comment fields speak the wizard's actions; these three map one to one.
  const fromWizard = (action: WizardAction) => {
    if (action.kind === 'startDate' || action.kind === 'urgent' || action.kind === 'comment')
      dispatch(action);
  };
  const checkedOk = state.check !== null && !state.checkStale && refusals.length === 0;
  const sendViolations = state.check && !state.checkStale ? state.check.violations : [];

  return (
    <Box component="section" aria-labelledby="mass-send-heading">
      <Typography id="mass-send-heading" variant="h5" component="h2" gutterBottom>
        {translate('beh.massOrder.send.heading')}
      </Typography>
      <Typography role="status" sx={{ fontWeight: 500 }}>
        {translate('beh.massOrder.send.summary', {
          add: state.chosen.length,
          remove: state.removals.length,
          assignment: assignment.name,
        })}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mt: 2, flexWrap: 'wrap' }}>
        <Button
          variant="outlined"
          startIcon={<FactCheckOutlinedIcon />}
          disabled={empty || busy !== null}
          onClick={() => void check()}
        >
          {translate(busy === 'check' ? 'beh.massOrder.check.running' : 'beh.massOrder.check.run')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {translate('beh.massOrder.check.help')}
        </Typography>
      </Stack>
      {state.check && state.checkStale && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate('beh.massOrder.check.stale')}
        </Alert>
      )}
      {checkedOk && !empty && (
        <Alert severity="success" sx={{ mt: 2 }} role="status">
          {translate('beh.massOrder.check.allOk', {
            smart_count: state.chosen.length + state.removals.length,
          })}
        </Alert>
      )}
      {sendViolations.length > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {sendViolations.map((violation) => (
            <div key={violation.rule}>{violation.message}</div>
          ))}
        </Alert>
      )}
      {refusals.length > 0 && (
        <RefusalList
          refusals={refusals}
          people={people}
          onDrop={(verdicts) => dispatch({ kind: 'drop', verdicts })}
        />
      )}
      <Box sx={{ mt: 3, mb: 2, maxWidth: 480 }}>
        <AttestantSelect
          careUnitId={assignment.careUnitId}
          assignmentIds={String(assignment.id)}
          value={state.attestantId}
          showMissing={false}
          onChange={(attestantId) => dispatch({ kind: 'attestant', attestantId })}
          onOnlyOne={onOnlyOne}
        />
      </Box>
      <AdditionalInfo
        type="GRANT"
        startDate={state.startDate}
        today={todayInStockholm()}
        urgent={state.urgent}
        comment={state.comment}
        dispatch={fromWizard}
      />
      {failure && (
        <Alert severity="error" role="alert" sx={{ mt: 3, maxWidth: 900 }}>
          {failure.map((message) => (
            <div key={message}>{message}</div>
          ))}
        </Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ mt: 3, alignItems: 'center' }}>
        <Button
          variant="contained"
          size="large"
          disabled={busy !== null || empty || refusals.length > 0}
          onClick={() => void send()}
        >
          {translate(busy === 'send' ? 'beh.massOrder.send.sending' : 'beh.wizard.send')}
        </Button>
        {refusals.length > 0 && (
          <Typography variant="body2" color="text.secondary">
            {translate('beh.massOrder.send.blocked')}
          </Typography>
        )}
      </Stack>
    </Box>
  );
};
