import { Box } from '@mui/material';
import { maxLength, required, SelectInput, TextInput } from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';
import { careProviderKindChoices } from '../enums';

export const CareProviderInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="name" validate={[required(), maxLength(200)]} />
    <TextInput source="hsaId" validate={[required(), maxLength(40)]} />
    <SelectInput source="kind" choices={careProviderKindChoices} validate={required()} />
  </Box>
);

/** What POST/PUT /api/care-providers accepts. */
export const CARE_PROVIDER_WRITABLE = ['hsaId', 'name', 'kind'] as const;
