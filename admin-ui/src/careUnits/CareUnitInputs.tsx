import { Box } from '@mui/material';
import { AutocompleteInput, maxLength, ReferenceInput, required, SelectInput, TextInput } from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';

export const CareUnitInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="name" validate={[required(), maxLength(200)]} />
    <TextInput source="hsaId" validate={[required(), maxLength(40)]} />
    <ReferenceInput
      source="administrationId"
      reference="administrations"
      sort={{ field: 'name', order: 'ASC' }}
      perPage={100}
    >
      <SelectInput optionText="name" validate={required()} />
    </ReferenceInput>
    <ReferenceInput source="headOfUnitId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
      <AutocompleteInput />
    </ReferenceInput>
  </Box>
);

/** What POST/PUT /api/care-units accepts. */
export const CARE_UNIT_WRITABLE = ['hsaId', 'name', 'administrationId', 'headOfUnitId'] as const;
