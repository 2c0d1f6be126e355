import { Box, Button, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';
import type { CandidateFilter } from './types';

const FIELDS = ['firstName', 'lastName', 'userId', 'organisation'] as const;
type Field = (typeof FIELDS)[number];

const EMPTY: Record<Field, string> = { firstName: '', lastName: '', userId: '', organisation: '' };

/** "Sök person(er)": Förnamn, Efternamn, VGR-ID, Organisation — any of them; the server matches prefixes. */
export const CandidateSearchForm = ({
  initial,
  onSearch,
}: {
  /** The draft's last search, filled in again after a reload. */
  initial?: CandidateFilter | null;
  onSearch: (filter: CandidateFilter) => void;
}) => {
  const translate = useTranslate();
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    firstName: initial?.firstName ?? '',
    lastName: initial?.lastName ?? '',
    userId: initial?.userId ?? '',
    organisation: initial?.organisation ?? '',
  }));
  const [needOne, setNeedOne] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = FIELDS.every((field) => values[field].trim() === '');
    setNeedOne(empty);
    if (!empty) onSearch(values);
  };
  return (
    <Box
      component="form"
      role="search"
      aria-label={translate('beh.massOrder.search.heading')}
      onSubmit={submit}
      noValidate
    >
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2, alignItems: 'flex-start' }}>
        {FIELDS.map((field) => (
          <TextField
            key={field}
            size="small"
            label={translate(`beh.massOrder.columns.${field}`)}
            value={values[field]}
            onChange={(event) => {
              setNeedOne(false);
              setValues((current) => ({ ...current, [field]: event.target.value }));
            }}
            error={needOne}
            helperText={
              needOne && field === 'firstName' ? translate('beh.massOrder.search.needOne') : undefined
            }
            sx={{ width: field === 'organisation' ? 260 : 180 }}
            slotProps={{ htmlInput: { maxLength: 100 } }}
          />
        ))}
        <Button type="submit" variant="contained">
          {translate('beh.massOrder.search.submit')}
        </Button>
        <Button type="button" onClick={() => setValues(EMPTY)}>
          {translate('beh.massOrder.search.clear')}
        </Button>
      </Stack>
    </Box>
  );
};
