import { useCallback, useLayoutEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { previousStep, STEP_PARAM, stepOfSlug, stepSlug, type WizardStep } from './wizardState';

/** What a step's history entry remembers: the step it was reached from ("Föregående" goes Back). */
interface StepEntry {
  wizardFrom?: WizardStep;
}

const search = (step: WizardStep) => `?${STEP_PARAM}=${stepSlug(step)}`;

/**
 * The wizard's step from the address, and moving between steps as history entries: Back goes one
 * step back, Forward one on, a reload stays, and the sign-in's return lands on the same step.
 */
export function useStepInAddress() {
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
