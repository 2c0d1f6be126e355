import { Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Person } from '../types';

/** A person in a picker: name and VGR-ID, with the organisation below, so namesakes can be told apart. */
export const PersonOption = () => {
  const person = useRecordContext<Person>();
  const translate = useTranslate();
  if (!person) return null;
  return (
    <Box>
      <Typography variant="body2">
        {person.firstName} {person.lastName} <strong>({person.userId})</strong>
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {person.active && person.organisation
          ? person.organisation
          : translate('beh.delegations.noEngagement')}
      </Typography>
    </Box>
  );
};

/** What the input shows once a person is chosen. */
export const personInputText = (person: Person): string =>
  `${person.firstName} ${person.lastName} (${person.userId})`;

/** The server already filtered on `q`; every suggestion it returns matches. */
export const personMatches = (): boolean => true;
