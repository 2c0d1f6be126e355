import { Alert, Button, CircularProgress, Typography } from '@mui/material';
import { useCallback, useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage } from '../../common/problem';
import type { OrderableUnit } from '../../orders/types';
import { UnitTree } from '../../orders/UnitTree';
import { useLoaded } from '../../orders/useLoaded';
import { useOrderApi } from '../../orders/useOrderApi';
import type { PersonDetail } from '../../types';
import { AssignmentChoice } from './AssignmentChoice';
import { EndUserSummary } from './EndUserSummary';
import { OrderTypeSelect } from './OrderTypeSelect';
import { SystemsGuidePanel } from './SystemsGuidePanel';
import { WizardButtons } from './WizardButtons';
import type { ChosenLine, WizardAction, WizardState } from './wizardState';

interface Props {
  state: WizardState & { person: PersonDetail };
  dispatch: (action: WizardAction) => void;
}

const TREE_LABELS = {
  list: 'beh.wizard.assignments',
  GENERAL: 'beh.wizard.general',
  SPECIAL: 'beh.wizard.special',
} as const;

/** Step 2, "Behörigheter": Nyupplägg or Avslut, and the assignments to order or end. */
export const AssignmentsStep = ({ state, dispatch }: Props) => {
  const translate = useTranslate();
  const api = useOrderApi();
  const [nothingChosen, setNothingChosen] = useState(false);
  const { person, type } = state;
  const orderable = useLoaded(
    useCallback(() => api.getOrderableAssignments(person.id, type), [api, person.id, type]),
  );
  const ticked = new Set(state.lines.map((line) => String(line.assignment.id)));
  const tickedIn = (unit: OrderableUnit) =>
    state.lines.filter((line) => String(line.unit.careUnitId) === String(unit.careUnitId)).length;
  const toggleLine = (line: ChosenLine) => {
    setNothingChosen(false);
    dispatch({ kind: 'toggleLine', line });
  };
  const next = () => {
    if (state.lines.length === 0) setNothingChosen(true);
    else dispatch({ kind: 'goTo', step: 'review' });
  };

  return (
    <>
      <OrderTypeSelect
        type={type}
        grantAllowed={person.active}
        onChange={(chosen) => dispatch({ kind: 'type', type: chosen })}
      />
      <EndUserSummary person={person} />
      <Typography variant="h6" component="h3" gutterBottom>
        {translate('beh.wizard.assignments')}
      </Typography>
      {type === 'GRANT' ? (
        <Alert severity="info" variant="outlined" sx={{ mb: 2, maxWidth: 900 }}>
          {translate('beh.wizard.grantHelp')} {translate('beh.wizard.sparrNote')}
        </Alert>
      ) : (
        <Alert severity="info" variant="outlined" sx={{ mb: 2, maxWidth: 900 }}>
          {translate('beh.wizard.revokeHelp')}
        </Alert>
      )}
      {orderable.state === 'loading' && (
        <CircularProgress size={28} aria-label={translate('ra.page.loading')} />
      )}
      {orderable.state === 'failed' && (
        <Alert severity="error">{translate(errorMessage(orderable.error))}</Alert>
      )}
      {orderable.state === 'ready' &&
        (orderable.value.units.length === 0 ? (
          <Alert severity="warning" sx={{ maxWidth: 900 }}>
            {translate(type === 'GRANT' ? 'beh.wizard.noUnits' : 'beh.wizard.nothingHeld')}
          </Alert>
        ) : (
          // Tick boxes, and under each unit's name how many of its assignments are ticked (seeds/001).
          <UnitTree
            units={orderable.value.units}
            toggled={state.toggledUnits}
            onToggle={(careUnitId) => dispatch({ kind: 'toggleUnit', careUnitId })}
            labels={TREE_LABELS}
            panelIdPrefix="unit"
            describeUnit={(unit) => {
              const count = tickedIn(unit);
              return [
                unit.administrationName,
                count > 0 ? translate('beh.wizard.chosenCount', { smart_count: count }) : null,
              ]
                .filter(Boolean)
                .join(' · ');
            }}
            renderAssignment={(assignment, unit) => (
              <AssignmentChoice
                assignment={assignment}
                checked={ticked.has(String(assignment.id))}
                onToggle={() => toggleLine({ unit, assignment })}
              />
            )}
          />
        ))}
      {nothingChosen && (
        <Alert severity="warning" sx={{ mt: 2, maxWidth: 900 }} role="alert">
          {translate('beh.wizard.chooseOne')}
        </Alert>
      )}
      <SystemsGuidePanel />
      <WizardButtons>
        <Button variant="outlined" onClick={() => dispatch({ kind: 'goTo', step: 'person' })}>
          {translate('beh.wizard.previous')}
        </Button>
        <Button variant="contained" onClick={next}>
          {translate('beh.wizard.next')}
        </Button>
      </WizardButtons>
    </>
  );
};
