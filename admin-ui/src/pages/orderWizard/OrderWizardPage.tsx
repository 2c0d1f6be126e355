import { Box, Card, CardContent, Typography } from '@mui/material';
import { useReducer } from 'react';
import { Title, useTranslate } from 'react-admin';
import { AssignmentsStep } from './AssignmentsStep';
import { PersonStep } from './PersonStep';
import { Receipt } from './Receipt';
import { ReviewStep } from './ReviewStep';
import { WizardStepper } from './WizardStepper';
import { initialWizardState, wizardReducer } from './wizardState';

/**
 * "Beställning av Vårdmedarbetaruppdrag" for one user (seeds/001). The choices live here, above
 * the steps, so moving between steps keeps them; the server checks every rule again on the send.
 */
export default function OrderWizardPage() {
  const translate = useTranslate();
  const [state, dispatch] = useReducer(wizardReducer, undefined, initialWizardState);
  const { person } = state;
  // Steps 2 and 3 need a person; without one (e.g. after "Ångra") the wizard is at step 1.
  const step = person ? state.step : state.step === 'receipt' ? 'receipt' : 'person';
  return (
    <Box component="article" sx={{ py: 2 }}>
      <Title title="beh.wizard.title" />
      <Typography variant="h4" component="h1">
        {translate('beh.wizard.title')}
      </Typography>
      <WizardStepper step={step} />
      <Card>
        <CardContent sx={{ p: { xs: 2, md: 3 } }}>
          <Typography variant="h5" component="h2" sx={{ mb: 2 }}>
            {translate(`beh.wizard.stepHeading.${step}`)}
          </Typography>
          {step === 'person' && <PersonStep state={state} dispatch={dispatch} />}
          {step === 'assignments' && person && (
            <AssignmentsStep state={{ ...state, person }} dispatch={dispatch} />
          )}
          {step === 'review' && person && <ReviewStep state={{ ...state, person }} dispatch={dispatch} />}
          {step === 'receipt' && (
            <Receipt placed={state.placed} onNewOrder={() => dispatch({ kind: 'restart' })} />
          )}
        </CardContent>
      </Card>
    </Box>
  );
}
