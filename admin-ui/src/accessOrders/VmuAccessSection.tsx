import AddIcon from '@mui/icons-material/Add';
import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { errorMessage } from '../common/problem';
import { useLoaded } from '../orders/useLoaded';
import type { WizardAction, WizardState } from '../pages/orderWizard/wizardState';
import type { PersonDetail } from '../types';
import { useAccessOrderApi } from './api';
import { lineOf } from './catalogue';
import { ReviewOperation } from './ReviewOperation';
import { messagesByLine } from './send';
import { TemplatePicker } from './TemplatePicker';
import type { AccessViolation } from './types';
import { linesByOperation } from './lines';

/** The server's rule for an assignment that needs local access sent without a template line. */
export const LOCAL_ACCESS_REQUIRED = 'LOCAL_ACCESS_REQUIRED';

/** Whether an assignment carries the flag "kräver behörighet i lokala eller regionala system". */
export const requiresLocalAccess = (assignment: object): boolean =>
  (assignment as { requiresLocalAccess?: boolean }).requiresLocalAccess === true;

interface Props {
  state: WizardState & { person: PersonDetail };
  dispatch: (action: WizardAction) => void;
  /** The orderer tried to send: missing attestants are shown. */
  showMissing: boolean;
}

/** Whether the VMU review step shows the section: a Nyupplägg with a flagged line, a template line or the refusal. */
export const needsAccessSection = (state: WizardState): boolean =>
  state.type === 'GRANT' &&
  (state.lines.some((line) => requiresLocalAccess(line.assignment)) ||
    state.accessLines.length > 0 ||
    state.violations.some((violation) => String(violation.rule) === LOCAL_ACCESS_REQUIRED));

/**
 * The VMU wizard's review step (issue 14): an assignment such as Kvalitetssäkring needs access in
 * a local or regional system as well, and is sent only together with a template line. This section
 * says so, offers "Lägg till behörighetsmall" (the access wizard's picker), lists the added lines
 * per verksamhet with their attestant; the send carries both (one POST, one order per unit and per
 * verksamhet).
 */
export const VmuAccessSection = ({ state, dispatch, showMissing }: Props) => {
  const translate = useTranslate();
  const api = useAccessOrderApi();
  const [picking, setPicking] = useState(state.accessLines.length === 0);
  const personId = state.person.id;
  const catalogue = useLoaded(
    useCallback(() => api.getOrderableTemplates(personId, 'GRANT'), [api, personId]),
  );
  const flagged = state.lines.filter((line) => requiresLocalAccess(line.assignment));
  const groups = linesByOperation(state.accessLines);
  const { byLine } = messagesByLine(state.accessLines, state.violations as AccessViolation[]);
  const onAttestant = useCallback(
    (operationId: string, attestantId: Identifier) =>
      dispatch({ kind: 'accessAttestant', operationId, attestantId }),
    [dispatch],
  );
  const onOnlyAttestant = useCallback(
    (operationId: string, attestantId: Identifier) =>
      dispatch({ kind: 'defaultAccessAttestant', operationId, attestantId }),
    [dispatch],
  );
  const refused = state.violations.some((v) => String(v.rule) === LOCAL_ACCESS_REQUIRED);

  return (
    <Box
      component="section"
      aria-labelledby="vmu-access-heading"
      sx={{ mb: 3, maxWidth: 900 }}
      data-vmu-access-section
    >
      <Typography id="vmu-access-heading" variant="h6" component="h3" gutterBottom>
        {translate('beh.accessOrders.vmu.heading')}
      </Typography>
      {flagged.length > 0 && (
        <Alert severity={state.accessLines.length === 0 ? 'warning' : 'info'} sx={{ mb: 2 }}>
          {translate('beh.accessOrders.vmu.required', {
            smart_count: flagged.length,
            names: flagged.map((line) => `${line.assignment.name} (${line.unit.careUnitName})`).join(', '),
          })}
        </Alert>
      )}
      {groups.map((group) => (
        <ReviewOperation
          key={group.operationId}
          group={group}
          messages={byLine}
          attestantId={state.accessAttestants[group.operationId]}
          showMissing={showMissing}
          headingComponent="h4"
          onRemove={(key) => dispatch({ kind: 'removeAccessLine', key })}
          onAttestant={onAttestant}
          onOnlyAttestant={onOnlyAttestant}
        />
      ))}
      {picking ? (
        <Box sx={{ p: 2, border: 1, borderColor: refused ? 'error.main' : 'divider', borderRadius: 1 }}>
          <Typography variant="subtitle1" component="h4" gutterBottom>
            {translate('beh.accessOrders.vmu.add')}
          </Typography>
          {catalogue.state === 'loading' && (
            <CircularProgress size={28} aria-label={translate('ra.page.loading')} />
          )}
          {catalogue.state === 'failed' && (
            <Alert severity="error">{translate(errorMessage(catalogue.error))}</Alert>
          )}
          {catalogue.state === 'ready' &&
            (catalogue.value.areas.length === 0 ? (
              <Alert severity="warning">{translate('beh.accessOrders.noOperations')}</Alert>
            ) : (
              <TemplatePicker
                idPrefix="vmu-access"
                areas={catalogue.value.areas}
                pick={state.accessPick}
                chosen={new Set(state.accessLines.map((line) => line.templateId))}
                onPick={(pick) => dispatch({ kind: 'accessPick', pick })}
                onAdd={(placed, professionId) => {
                  dispatch({ kind: 'addAccessLine', line: lineOf(placed, professionId) });
                  setPicking(false);
                }}
              />
            ))}
        </Box>
      ) : (
        <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setPicking(true)}>
          {translate('beh.accessOrders.vmu.add')}
        </Button>
      )}
    </Box>
  );
};
