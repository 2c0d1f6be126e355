import SearchIcon from '@mui/icons-material/Search';
import { Alert, Box, IconButton, MenuItem, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage, httpStatus } from '../../common/problem';
import type { LookupKey } from '../../orders/types';
import { useOrderApi } from '../../orders/useOrderApi';
import type { PersonDetail } from '../../types';
import type { WizardAction, WizardState } from './wizardState';

const LOOKUP_KEYS: readonly LookupKey[] = ['personnummer', 'passportNumber', 'hsaId'];

type Outcome =
  | { kind: 'none' }
  | { kind: 'invalid'; message: string }
  | { kind: 'notFound' }
  | { kind: 'failed'; message: string };

interface Props {
  state: WizardState;
  dispatch: (action: WizardAction) => void;
}

/** "Sök fram användare": personnummer, passport number or HSA-id, looked up in the directory. */
export const PersonLookupForm = ({ state, dispatch }: Props) => {
  const translate = useTranslate();
  const api = useOrderApi();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const [searching, setSearching] = useState(false);
  const fieldLabel = translate(`beh.wizard.lookupKey.${state.lookupKey}`);

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!state.lookupValue.trim()) {
      setOutcome({ kind: 'invalid', message: translate('beh.wizard.person.required') });
      return;
    }
    setSearching(true);
    setOutcome({ kind: 'none' });
    try {
      const person: unknown = await api.lookupPerson(state.lookupKey, state.lookupValue);
      // A lookup that found the session gone signs the user out and resolves with no person.
      if (typeof person !== 'object' || person === null || !('id' in person)) return;
      dispatch({ kind: 'found', person: person as PersonDetail });
    } catch (error) {
      dispatch({ kind: 'found', person: null });
      const status = httpStatus(error);
      if (status === 404) setOutcome({ kind: 'notFound' });
      // The server's own Swedish message: which part of the personnummer is wrong.
      else if (status === 400) setOutcome({ kind: 'invalid', message: errorMessage(error) });
      else setOutcome({ kind: 'failed', message: translate(errorMessage(error)) });
    } finally {
      setSearching(false);
    }
  };

  return (
    <Box component="form" role="search" onSubmit={(event) => void search(event)} noValidate>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
        <TextField
          select
          label={translate('beh.wizard.person.searchBy')}
          value={state.lookupKey}
          onChange={(event) => {
            dispatch({ kind: 'lookupKey', lookupKey: event.target.value as LookupKey });
            setOutcome({ kind: 'none' });
          }}
          sx={{ width: { xs: '100%', sm: 220 } }}
        >
          {LOOKUP_KEYS.map((key) => (
            <MenuItem key={key} value={key}>
              {translate(`beh.wizard.lookupKey.${key}`)}
            </MenuItem>
          ))}
        </TextField>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            label={fieldLabel}
            value={state.lookupValue}
            onChange={(event) => dispatch({ kind: 'lookupValue', lookupValue: event.target.value })}
            error={outcome.kind === 'invalid'}
            helperText={
              outcome.kind === 'invalid'
                ? outcome.message
                : translate(`beh.wizard.lookupHint.${state.lookupKey}`)
            }
            autoComplete="off"
            autoFocus
            sx={{ width: { xs: '100%', sm: 340 } }}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
          <IconButton
            type="submit"
            color="primary"
            disabled={searching}
            aria-label={translate('beh.wizard.person.search')}
            title={translate('beh.wizard.person.search')}
            sx={{ mt: 1 }}
          >
            <SearchIcon />
          </IconButton>
        </Stack>
      </Stack>
      {outcome.kind === 'notFound' && (
        <Alert severity="info" sx={{ mt: 2, maxWidth: 720 }}>
          {translate('beh.wizard.person.notFound')}
        </Alert>
      )}
      {outcome.kind === 'failed' && (
        <Alert severity="error" sx={{ mt: 2, maxWidth: 720 }}>
          {outcome.message}
        </Alert>
      )}
    </Box>
  );
};
