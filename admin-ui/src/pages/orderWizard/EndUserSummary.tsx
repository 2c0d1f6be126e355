import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { LabeledValue, LabeledValues } from '../../orders/LabeledValue';
import type { PersonDetail } from '../../types';

/** A number as lists mask it (1985xxxx-xxxx, ABxxxxxxx): the lookup answers so what it was not asked by. */
const masked = (value: string | null): boolean => Boolean(value?.includes('xxxx'));

/**
 * The identity number to show: the personnummer, unless there is none, or the lookup masked it
 * (it was by the passport number, which is then whole).
 */
const showsPassport = (person: PersonDetail): boolean =>
  Boolean(person.passportNumber) &&
  (!person.personnummer || (masked(person.personnummer) && !masked(person.passportNumber)));

/**
 * "Användare": who the order is for, at the top of steps 2 and 3. The numbers are as the lookup
 * answered them: masked but the one searched by (administrators get both whole); the order
 * itself names the person by id.
 */
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
        {showsPassport(person) ? (
          <LabeledValue label="beh.wizard.lookupKey.passportNumber">{person.passportNumber}</LabeledValue>
        ) : (
          <LabeledValue label="beh.wizard.lookupKey.personnummer">{person.personnummer}</LabeledValue>
        )}
      </LabeledValues>
    </Box>
  );
};
