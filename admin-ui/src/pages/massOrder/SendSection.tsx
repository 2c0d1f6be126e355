import FactCheckOutlinedIcon from '@mui/icons-material/FactCheckOutlined';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Confirm, type Identifier, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { todayInStockholm } from '../../common/dates';
import { AdditionalInfo } from '../orderWizard/AdditionalInfo';
import { AttestantSelect } from '../orderWizard/AttestantSelect';
import type { WizardAction } from '../orderWizard/wizardState';
import { type MassOrderAction, type MassOrderState, openRefusals } from './massOrderState';
import { hasWork } from './draft';
import { RefusalList } from './RefusalList';
import { massOrderRoutes } from './routes';
import type { MassAssignment, PersonRow } from './types';
import { useMassSend } from './useMassSend';
import { openWarnings } from './warnings';
import { WarningList } from './WarningList';

interface Props {
  assignment: MassAssignment;
  state: MassOrderState;
  dispatch: (action: MassOrderAction) => void;
}

/**
 * "Skicka beställning": what the send holds, the pre-check with its refusals and warnings, attestant,
 * date, Akut, comment, and "Ångra": it asks before throwing a draft with people in it away (and then
 * says it did), and with nothing put together goes back to the unit tree.
 */
export const SendSection = ({ assignment, state, dispatch }: Props) => {
  const translate = useTranslate();
  const { check, send, busy, failure, empty, clearFailure } = useMassSend(assignment.id, state, dispatch);
  const navigate = useNavigate();
  const refusals = openRefusals(state);
  const warned = openWarnings(state);
  const [asking, setAsking] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const cancelledRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (cancelled) cancelledRef.current?.focus();
  }, [cancelled]);
  const working = hasWork(state);
  const cancel = () => (working ? setAsking(true) : navigate(massOrderRoutes.tree));
  const confirmCancel = () => {
    setAsking(false);
    clearFailure();
    dispatch({ kind: 'reset' });
    setCancelled(true);
  };
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
      <Stack direction="row" sx={{ alignItems: 'center', columnGap: 2, rowGap: 1, flexWrap: 'wrap' }}>
        <Typography id="mass-send-heading" variant="h5" component="h2" sx={{ mr: 1 }}>
          {translate('beh.massOrder.send.heading')}
        </Typography>
        <Typography role="status" sx={{ fontWeight: 500 }}>
          {translate('beh.massOrder.send.summary', {
            add: state.chosen.length,
            remove: state.removals.length,
            assignment: assignment.name,
          })}
        </Typography>
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
      {cancelled && !working && (
        <Alert
          ref={cancelledRef}
          tabIndex={-1}
          severity="info"
          role="status"
          sx={{ mt: 2, maxWidth: 900 }}
          data-testid="mass-cancelled"
        >
          {translate('beh.massOrder.send.cancelled')}
        </Alert>
      )}
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
      {warned.length > 0 && (
        <WarningList
          warned={warned}
          people={people}
          confirmed={state.confirmedWarnings}
          onConfirm={(confirmed) => dispatch({ kind: 'confirmWarnings', confirmed })}
        />
      )}
      <Box
        sx={{
          display: 'grid',
          // Side by side from 1200 px: the details on the left, then (in reading and tab order) the
          // attestant and the send on the right, so the send button stays near the lists above.
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(360px, 1fr) minmax(300px, 440px)' },
          columnGap: 4,
          rowGap: 2,
          mt: 2,
          alignItems: 'start',
        }}
      >
        <AdditionalInfo
          type="GRANT"
          startDate={state.startDate}
          today={todayInStockholm()}
          urgent={state.urgent}
          comment={state.comment}
          dispatch={fromWizard}
        />
        <Box sx={{ pt: { lg: 5 } }}>
          <AttestantSelect
            careUnitId={assignment.careUnitId}
            assignmentIds={String(assignment.id)}
            value={state.attestantId}
            showMissing={false}
            onChange={(attestantId) => dispatch({ kind: 'attestant', attestantId })}
            onOnlyOne={onOnlyOne}
          />
          {failure && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {failure.map((message) => (
                <div key={message}>{message}</div>
              ))}
            </Alert>
          )}
          <Stack direction="row" sx={{ mt: 2, alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
            <Button
              variant="contained"
              size="large"
              disabled={busy !== null || empty || refusals.length > 0}
              onClick={() => void send()}
            >
              {translate(busy === 'send' ? 'beh.massOrder.send.sending' : 'beh.wizard.send')}
            </Button>
            <Button size="large" onClick={cancel} disabled={busy !== null}>
              {translate('beh.massOrder.send.cancel')}
            </Button>
          </Stack>
          {refusals.length > 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              {translate('beh.massOrder.send.blocked')}
            </Typography>
          )}
        </Box>
      </Box>
      <Confirm
        isOpen={asking}
        title="beh.massOrder.send.cancelTitle"
        content="beh.massOrder.send.cancelContent"
        translateOptions={{ add: state.chosen.length, remove: state.removals.length }}
        confirm="beh.massOrder.send.cancelConfirm"
        cancel="beh.massOrder.send.cancelKeep"
        onConfirm={confirmCancel}
        onClose={() => setAsking(false)}
      />
    </Box>
  );
};
