import { Alert, AlertTitle, Checkbox, FormControlLabel, FormHelperText, Typography } from '@mui/material';
import { type Ref } from 'react';
import { useTranslate } from 'react-admin';

interface Props {
  ref: Ref<HTMLInputElement>;
  /** How many care units the warnings are about. */
  count: number;
  confirmed: boolean;
  /** The orderer tried to send without confirming. */
  showMissing: boolean;
  onChange: (confirmed: boolean) => void;
}

/**
 * Above "Skicka beställning": why the order is only warned about, not refused, and the tick box
 * the orderer must tick before the send goes (it sends `confirmedWarnings: true`).
 */
export const WarningConfirmation = ({ ref, count, confirmed, showMissing, onChange }: Props) => {
  const translate = useTranslate();
  return (
    <Alert
      severity="warning"
      variant="outlined"
      sx={{ mt: 3, maxWidth: 900 }}
      component="section"
      aria-labelledby="warning-confirmation-title"
    >
      <AlertTitle id="warning-confirmation-title">
        {translate('beh.wizardUx.warning.title', { smart_count: count })}
      </AlertTitle>
      <Typography variant="body2">{translate('beh.wizardUx.warning.why')}</Typography>
      <FormControlLabel
        sx={{ mt: 1 }}
        control={
          <Checkbox
            checked={confirmed}
            onChange={(event) => onChange(event.target.checked)}
            slotProps={{
              input: {
                ref,
                'aria-describedby': showMissing ? 'warning-confirmation-missing' : undefined,
                'aria-invalid': showMissing || undefined,
              },
            }}
          />
        }
        label={translate('beh.wizardUx.warning.confirm')}
      />
      {showMissing && (
        <FormHelperText id="warning-confirmation-missing" error role="alert">
          {translate('beh.wizardUx.warning.missing')}
        </FormHelperText>
      )}
    </Alert>
  );
};
