import { Box, Card, CardContent, Typography } from '@mui/material';
import { startTransition, useCallback, useEffect, useReducer, useRef } from 'react';
import { type Identifier, Loading, Title, useGetIdentity, useTranslate } from 'react-admin';
import { AssignmentsStep } from './AssignmentsStep';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { PersonStep } from './PersonStep';
import { Receipt } from './Receipt';
import { ReviewStep } from './ReviewStep';
import { WizardStepper } from './WizardStepper';
import { useStepInAddress } from './useStepInAddress';
import { reachable, type WizardAction, wizardReducer } from './wizardState';

/**
 * "Beställning av Vårdmedarbetaruppdrag" for one user (seeds/001). The choices live here, above
 * the steps, so moving between steps keeps them, and in the tab's session storage (draft.ts), so a
 * reload or a new sign-in keeps them too; the step lives in the address. The server checks every
 * rule again on the send.
 */
export default function OrderWizardPage() {
  const { identity, isPending } = useGetIdentity();
  if (isPending || !identity) return <Loading />;
  return <OrderWizard owner={identity.id} />;
}

const OrderWizard = ({ owner }: { owner: Identifier }) => {
  const translate = useTranslate();
  const [state, dispatchState] = useReducer(wizardReducer, owner, loadDraft);
  const { step: asked, go } = useStepInAddress();
  // A step the choices do not allow (a reload after "Ångra", an old address) shows step 1.
  const step = reachable(state, asked) ? asked : 'person';
  useEffect(() => {
    if (step !== asked) go(step, { replace: true });
  }, [step, asked, go]);

  // Every change is kept at once: a timeout can come at any moment. After the receipt the state
  // holds nothing of the order but its numbers (wizardReducer, 'placed').
  useEffect(() => saveDraft(owner, state), [owner, state]);

  const dispatch = useCallback(
    (action: WizardAction) => {
      if (action.kind === 'goTo') {
        go(action.step);
        return;
      }
      if (action.kind !== 'placed' && action.kind !== 'restart') {
        dispatchState(action);
        return;
      }
      // The choices and the address change in one render (the router's updates are transitions):
      // otherwise the step in the address would briefly be one the state no longer allows.
      startTransition(() => {
        dispatchState(action);
        // The receipt replaces step 3: Back from it does not offer the sent order again.
        if (action.kind === 'placed') go('receipt', { replace: true });
        else go('person');
      });
    },
    [go],
  );

  // Each new step is announced by moving focus to its heading (WCAG 2.4.3); not on the first
  // render, where step 1's search field takes the focus.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    // The receipt moves focus to the order number itself.
    if (step !== 'receipt') heading.current?.focus();
  }, [step]);

  const { person } = state;
  return (
    <Box component="article" sx={{ py: 2 }}>
      <Title title="beh.wizard.title" />
      <Typography variant="h4" component="h1">
        {translate('beh.wizard.title')}
      </Typography>
      <WizardStepper step={step} />
      <Card>
        <CardContent sx={{ p: { xs: 2, md: 3 } }}>
          <Typography
            variant="h5"
            component="h2"
            ref={heading}
            tabIndex={-1}
            id="wizard-step-heading"
            sx={{ mb: 2 }}
          >
            {translate(`beh.wizard.stepHeading.${step}`)}
          </Typography>
          {step === 'person' && <PersonStep state={state} dispatch={dispatch} />}
          {step === 'assignments' && person && (
            <AssignmentsStep state={{ ...state, person }} dispatch={dispatch} />
          )}
          {step === 'review' && person && <ReviewStep state={{ ...state, person }} dispatch={dispatch} />}
          {step === 'receipt' && (
            <Receipt
              placed={state.placed}
              onNewOrder={() => dispatch({ kind: 'restart' })}
              onSignOut={clearDraft}
            />
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
