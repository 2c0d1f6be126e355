import { Box, Card, CardContent, Typography } from '@mui/material';
import { startTransition, useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { type Identifier, Loading, Title, useGetIdentity, useTranslate } from 'react-admin';
import { PersonStep } from '../pages/orderWizard/PersonStep';
import { Receipt } from '../pages/orderWizard/Receipt';
import { useStepInAddress } from '../pages/orderWizard/useStepInAddress';
import type { WizardAction } from '../pages/orderWizard/wizardState';
import { WizardStepper } from '../pages/orderWizard/WizardStepper';
import { AccessChoiceStep } from './AccessChoiceStep';
import { AccessReviewStep } from './AccessReviewStep';
import { clearAccessDraft, loadAccessDraft, saveAccessDraft } from './draft';
import { accessOrderRoutes } from './routes';
import { asVmuState, fromVmuAction } from './vmuAdapter';
import { type AccessWizardAction, accessWizardReducer, reachable } from './wizardState';

/**
 * "Beställning av Behörigheter" (seeds/001, issue 14): the VMU wizard's three steps for
 * behörighetsmallar in local and regional systems. Step 1 is the VMU wizard's own; the choices live
 * here and in the tab's session storage (draft.ts); the step lives in the address.
 */
export default function AccessOrderWizardPage() {
  const { identity, isPending } = useGetIdentity();
  if (isPending || !identity) return <Loading />;
  return <AccessOrderWizard owner={identity.id} />;
}

const AccessOrderWizard = ({ owner }: { owner: Identifier }) => {
  const translate = useTranslate();
  const [state, dispatchState] = useReducer(accessWizardReducer, owner, loadAccessDraft);
  const { step: asked, go } = useStepInAddress();
  const step = reachable(state, asked) ? asked : 'person';
  useEffect(() => {
    if (step !== asked) go(step, { replace: true });
  }, [step, asked, go]);

  useEffect(() => saveAccessDraft(owner, state), [owner, state]);

  const dispatch = useCallback(
    (action: AccessWizardAction) => {
      if (action.kind === 'goTo') {
        go(action.step);
        return;
      }
      if (action.kind !== 'placed' && action.kind !== 'restart') {
        dispatchState(action);
        return;
      }
      startTransition(() => {
        dispatchState(action);
        if (action.kind === 'placed') go('receipt', { replace: true });
        else go('person');
      });
    },
    [go],
  );
  const vmuDispatch = useCallback(
    (action: WizardAction) => {
      const own = fromVmuAction(action);
      if (own) dispatch(own);
    },
    [dispatch],
  );
  const vmuState = useMemo(() => asVmuState(state), [state]);

  // Each new step is announced by moving focus to its heading, as in the VMU wizard.
  const heading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    if (step !== 'receipt') heading.current?.focus();
  }, [step]);

  const { person } = state;
  return (
    <Box component="article" sx={{ py: 2 }}>
      <Title title="beh.accessOrders.title" />
      <Typography variant="h4" component="h1">
        {translate('beh.accessOrders.title')}
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
            {translate(`beh.accessOrders.stepHeading.${step}`)}
          </Typography>
          {step === 'person' && <PersonStep state={vmuState} dispatch={vmuDispatch} />}
          {step === 'assignments' && person && (
            <AccessChoiceStep state={{ ...state, person }} dispatch={dispatch} />
          )}
          {step === 'review' && person && (
            <AccessReviewStep
              state={{ ...state, person }}
              dispatch={dispatch}
              vmuState={vmuState}
              vmuDispatch={vmuDispatch}
            />
          )}
          {step === 'receipt' && (
            <Receipt
              placed={state.placed}
              historyTo={accessOrderRoutes.mine}
              onNewOrder={() => dispatch({ kind: 'restart' })}
              onSignOut={clearAccessDraft}
            />
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
