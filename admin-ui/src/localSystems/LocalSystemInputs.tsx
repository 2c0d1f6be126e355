import { Box, Typography } from '@mui/material';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlined';
import {
  BooleanInput,
  FormDataConsumer,
  maxLength,
  PasswordInput,
  required,
  SelectInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { fulfilmentChoices } from '../accessCatalogue/choices';
import type { LocalSystem } from '../accessCatalogue/types';
import {
  httpUrl,
  keepText,
  optionalDescription,
  requiredName,
  URL_MAX,
  NAME_MAX,
  DESCRIPTION_MAX,
} from '../accessCatalogue/validation';
import { fieldGrid } from '../common/fieldGrid';

const TOKEN_MAX = 4000;

/** "Token sparad": a token is kept (its value is never shown, not even to administrators). */
const SavedToken = () => {
  const translate = useTranslate();
  const system = useRecordContext<LocalSystem>();
  if (!system?.hasScimToken) return null;
  return (
    <Typography
      variant="body2"
      sx={{ display: 'flex', alignItems: 'center', gap: 0.5, alignSelf: 'center', color: 'success.dark' }}
    >
      <CheckCircleOutlineIcon fontSize="small" aria-hidden />
      {translate('beh.accessCatalogue.tokenSaved')}
    </Typography>
  );
};

/**
 * The SCIM address and token, only for a system carried out over SCIM. The token may follow
 * later (the server does not require it); a kept one is replaced only when a new one is typed.
 */
const ScimInputs = () => {
  const system = useRecordContext<LocalSystem>();
  return (
    <>
      <TextInput
        source="scimBaseUrl"
        validate={[required(), maxLength(URL_MAX), httpUrl]}
        helperText="beh.accessCatalogue.scimBaseUrlHelp"
        sx={{ gridColumn: '1 / -1' }}
      />
      <PasswordInput
        source="scimToken"
        validate={maxLength(TOKEN_MAX)}
        helperText={
          system?.hasScimToken
            ? 'beh.accessCatalogue.scimTokenReplaceHelp'
            : 'beh.accessCatalogue.scimTokenHelp'
        }
        autoComplete="new-password"
      />
      <SavedToken />
    </>
  );
};

export const LocalSystemInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="name" validate={requiredName} />
    <TextInput
      source="owner"
      validate={[required(), maxLength(NAME_MAX)]}
      helperText="beh.accessCatalogue.ownerHelp"
    />
    <TextInput
      source="description"
      parse={keepText}
      validate={optionalDescription}
      multiline
      minRows={2}
      sx={{ gridColumn: '1 / -1' }}
      slotProps={{ htmlInput: { maxLength: DESCRIPTION_MAX } }}
    />
    <SelectInput source="fulfilment" choices={fulfilmentChoices} validate={required()} />
    <BooleanInput source="active" sx={{ alignSelf: 'center' }} />
    <FormDataConsumer<LocalSystem>>
      {({ formData }) => (formData.fulfilment === 'SCIM' ? <ScimInputs /> : null)}
    </FormDataConsumer>
  </Box>
);

/**
 * What POST/PUT /api/local-systems accepts: a MANUAL system has no SCIM address, and an empty
 * token field leaves the kept token as it is (the token is never read back to fill the field).
 */
export function localSystemWritable(data: Partial<LocalSystem>): Partial<LocalSystem> {
  const scim = data.fulfilment === 'SCIM';
  const token = scim && data.scimToken ? data.scimToken : undefined;
  return {
    name: data.name,
    description: data.description ?? '',
    owner: data.owner,
    fulfilment: data.fulfilment,
    scimBaseUrl: scim ? (data.scimBaseUrl?.trim() ?? null) : null,
    ...(token ? { scimToken: token } : {}),
    active: data.active,
  };
}
