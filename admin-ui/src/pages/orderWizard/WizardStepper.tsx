import { Step, StepLabel, Stepper } from '@mui/material';
import { useTranslate } from 'react-admin';
import { STEPS, type WizardStep } from './wizardState';

/** "1. Personuppgifter > 2. Behörigheter > 3. Granska / Beställ". */
export const WizardStepper = ({ step }: { step: WizardStep }) => {
  const translate = useTranslate();
  // The receipt comes after the last step: all three are done.
  const active = step === 'receipt' ? STEPS.length : STEPS.indexOf(step);
  return (
    <Stepper
      activeStep={active}
      sx={{ my: 3, maxWidth: 900 }}
      aria-label={translate('beh.wizard.steps.label')}
    >
      {STEPS.map((name, index) => (
        <Step key={name} aria-current={index === active ? 'step' : undefined}>
          <StepLabel>{translate(`beh.wizard.steps.${name}`)}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
};
