import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Box, Card, CardContent, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  CheckboxGroupInput,
  Create,
  DateInput,
  maxLength,
  maxValue,
  minLength,
  minValue,
  required,
  SimpleForm,
  TextInput,
  Title,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { todayInStockholm } from '../common/dates';
import { errorMessage, fieldErrors } from '../common/problem';
import { API_CLIENT_SCOPES, type ApiClientForm, type ApiClientScope, type CreatedApiClient } from './types';

/** The server's limit: a client lasts at most two years, so its secret is renewed at least that often. */
const MAX_YEARS = 2;

const plusYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;

const scopeChoices = API_CLIENT_SCOPES.map((id) => ({ id }));

/** A scope in the form: its Swedish meaning, with the code a system's documentation will name. */
const ScopeChoice = () => {
  const choice = useRecordContext<{ id: ApiClientScope }>();
  const translate = useTranslate();
  if (!choice) return null;
  return (
    <span>
      {translate(`beh.apiClients.scope.${choice.id}`)} (<code>{choice.id}</code>)
    </span>
  );
};

/**
 * "Ny API-klient": name, scopes and last day. The answer holds the token, which is shown once here
 * with a copy button and never again (the server keeps only a hash of its secret). The call goes
 * straight to the data provider rather than through react-admin's create mutation, so that the
 * token is not kept in the client-side cache either.
 */
export default function ApiClientCreate() {
  const [created, setCreated] = useState<CreatedApiClient>();
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const today = todayInStockholm();
  const latest = plusYears(today, MAX_YEARS);

  if (created) return <TokenOnce client={created} />;

  const save = async (values: Partial<ApiClientForm>) => {
    try {
      const { data } = await dataProvider.create<CreatedApiClient>('api-clients', {
        data: { name: values.name, scopes: values.scopes, expiresOn: values.expiresOn },
      });
      setCreated(data);
      return undefined;
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
      return fieldErrors(error);
    }
  };

  return (
    <Create title="beh.apiClients.createTitle">
      <SimpleForm
        onSubmit={(values: Record<string, unknown>) => save(values as Partial<ApiClientForm>)}
        defaultValues={{ scopes: [], expiresOn: plusYears(today, 1) }}
      >
        <Typography variant="body2" sx={{ mb: 2, maxWidth: 720 }}>
          <Intro />
        </Typography>
        <TextInput
          source="name"
          validate={[required(), minLength(1), maxLength(100)]}
          sx={{ maxWidth: 480 }}
        />
        <CheckboxGroupInput
          source="scopes"
          choices={scopeChoices}
          optionText={<ScopeChoice />}
          row={false}
          validate={required('beh.apiClients.scopesRequired')}
        />
        <DateInput
          source="expiresOn"
          validate={[
            required(),
            minValue(today, 'beh.apiClients.expiresInPast'),
            maxValue(latest, 'beh.apiClients.expiresTooLate'),
          ]}
          helperText="beh.apiClients.expiresHelp"
        />
      </SimpleForm>
    </Create>
  );
}

const Intro = () => {
  const translate = useTranslate();
  return <>{translate('beh.apiClients.intro')}</>;
};

/** The token, once: a clear warning, the token to select or copy, and the way back to the list. */
const TokenOnce = ({ client }: { client: CreatedApiClient }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(client.token);
      notify('beh.apiClients.copied', { type: 'info' });
    } catch {
      notify('beh.apiClients.copyFailed', { type: 'warning' });
    }
  };
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="beh.apiClients.createdTitle" />
      <Card>
        <CardContent>
          <Stack spacing={2} sx={{ maxWidth: 860 }}>
            <Typography variant="h6" component="h2">
              {translate('beh.apiClients.createdHeading', { name: client.name })}
            </Typography>
            <Alert severity="warning" role="alert">
              {translate('beh.apiClients.onceWarning')}
            </Alert>
            <MuiTextField
              label={translate('beh.apiClients.token')}
              value={client.token}
              slotProps={{
                htmlInput: { readOnly: true, spellCheck: false, style: { fontFamily: 'monospace' } },
              }}
              onFocus={(event) => event.target.select()}
              fullWidth
            />
            <Typography variant="body2">
              {translate('beh.apiClients.usage')} <code>Authorization: Bearer …</code>
            </Typography>
            <Stack direction="row" spacing={2}>
              <Button label="beh.apiClients.copy" variant="contained" onClick={() => void copy()}>
                <ContentCopyIcon />
              </Button>
              <Button
                label="beh.apiClients.done"
                variant="outlined"
                onClick={() => redirect('list', 'api-clients')}
              />
            </Stack>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
