import { Box, Card, CardContent, Typography } from '@mui/material';
import { startTransition, useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import { type Identifier, Loading, Title, useGetIdentity, useTranslate } from 'react-admin';
import { useLocation, useNavigate } from 'react-router-dom';
import { AssignmentsStep } from './AssignmentsStep';
import { clearDraft, loadDraft, saveDraft } from './draft';
import { PersonStep } from './PersonStep';
import { Receipt } from './Receipt';
import { ReviewStep } from './ReviewStep';
import { WizardStepper } from './WizardStepper';
import {
  previousStep,
  reachable,
  STEP_PARAM,
  stepOfSlug,
  stepSlug,
  type WizardAction,
  type WizardStep,
  wizardReducer,
} from './wizardState';

/** What a step's history entry remembers: the step it was reached from ("Föregående" goes Back). */
interface StepEntry {
  wizardFrom?: WizardStep;
}

const search = (step: WizardStep) => `?${STEP_PARAM}=${stepSlug(step)}`;

/**
 * The wizard's step from the address, and moving between steps as history entries: Back goes one
 * step back, Forward one on, a reload stays, and the sign-in's return lands on the same step.
 */
function useStepInAddress() {
  const location = useLocation();
  const navigate = useNavigate();
  const step = stepOfSlug(new URLSearchParams(location.search).get(STEP_PARAM));
  const entry = location.state as StepEntry | null;
  // Read by `go`, which stays the same function so the steps' callbacks do not change with it.
  const current = useRef({ step, entry });
  useLayoutEffect(() => {
    current.current = { step, entry };
  }, [step, entry]);

  const go = useCallback(
    (target: WizardStep, options: { replace?: boolean } = {}) => {
      const { step: from, entry } = current.current;
      if (target === from && !options.replace) return;
      // "Föregående" after "Nästa": the entry before is the step asked for, so go Back to it.
      if (!options.replace && target === previousStep(from) && entry?.wizardFrom === target) {
        navigate(-1);
        return;
      }
      navigate(
        { search: search(target) },
        { replace: options.replace === true, state: { wizardFrom: from } satisfies StepEntry },
      );
    },
    [navigate],
  );
  return { step, go };
}

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
