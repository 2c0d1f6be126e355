import { Box, Checkbox, FormControlLabel, Stack, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { IsoDateField } from '../../common/IsoDateInput';
import type { OrderType } from '../../orders/types';
import type { WizardAction } from './wizardState';

interface Props {
  type: OrderType;
  startDate: string;
  today: string;
  urgent: boolean;
  comment: string;
  dispatch: (action: WizardAction) => void;
}

/** "Tilläggsinformation": the date (start of the access, or for Avslut its end), Akut and a comment. */
export const AdditionalInfo = ({ type, startDate, today, urgent, comment, dispatch }: Props) => {
  const translate = useTranslate();
  const dateInPast = startDate !== '' && startDate < today;
  const dateLabel = translate(type === 'REVOKE' ? 'beh.wizard.endDate' : 'beh.wizard.startDate');
  const dateHelp = translate(type === 'REVOKE' ? 'beh.wizard.endDateHelp' : 'beh.wizard.startDateHelp');
  return (
    <Box component="section" aria-labelledby="additional-info" sx={{ maxWidth: 900 }}>
      <Typography id="additional-info" variant="h6" component="h3" gutterBottom>
        {translate('beh.wizard.additionalInfo')}
      </Typography>
      <Stack spacing={2}>
        {/* Year first in both languages (a native date input follows the browser's locale). */}
        <IsoDateField
          required
          label={dateLabel}
          value={startDate}
          onChange={(value) => dispatch({ kind: 'startDate', startDate: value })}
          error={dateInPast || startDate === ''}
          helperText={dateInPast ? translate('beh.wizard.dateInPast') : dateHelp}
          sx={{ maxWidth: 360 }}
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={urgent}
              onChange={(event) => dispatch({ kind: 'urgent', urgent: event.target.checked })}
            />
          }
          label={translate('beh.wizard.urgent')}
        />
        <TextField
          label={translate('beh.wizard.comment')}
          value={comment}
          onChange={(event) => dispatch({ kind: 'comment', comment: event.target.value })}
          multiline
          minRows={2}
          slotProps={{ htmlInput: { maxLength: 2000 } }}
        />
      </Stack>
    </Box>
  );
};
