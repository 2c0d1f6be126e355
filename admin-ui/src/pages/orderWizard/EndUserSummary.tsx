import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { LabeledValue, LabeledValues } from '../../orders/LabeledValue';
import type { PersonDetail } from '../../types';

/** "Användare": who the order is for, at the top of steps 2 and 3. */
export const EndUserSummary = ({
  person,
  withTitle = false,
}: {
  person: PersonDetail;
  withTitle?: boolean;
}) => {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby="end-user" sx={{ my: 3 }}>
      <Typography id="end-user" variant="subtitle1" component="h3" gutterBottom>
        {translate('beh.wizard.user')}
      </Typography>
      <LabeledValues>
        <LabeledValue label="beh.wizard.person.userId">{person.userId}</LabeledValue>
        <LabeledValue label="beh.wizard.name">{`${person.firstName} ${person.lastName}`}</LabeledValue>
        {withTitle && <LabeledValue label="beh.wizard.person.title">{person.title}</LabeledValue>}
        {person.personnummer || !person.passportNumber ? (
          <LabeledValue label="beh.wizard.lookupKey.personnummer">{person.personnummer}</LabeledValue>
        ) : (
          <LabeledValue label="beh.wizard.lookupKey.passportNumber">{person.passportNumber}</LabeledValue>
        )}
      </LabeledValues>
    </Box>
  );
};
