import { Box } from '@mui/material';
import { maxLength, ReferenceInput, required, SelectInput, TextInput } from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';

export const AdministrationInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="code" validate={[required(), maxLength(20)]} />
    <TextInput source="name" validate={[required(), maxLength(200)]} />
    <ReferenceInput source="careProviderId" reference="care-providers" sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput optionText="name" validate={required()} />
    </ReferenceInput>
  </Box>
);

/** What POST/PUT /api/administrations accepts. */
export const ADMINISTRATION_WRITABLE = ['code', 'name', 'careProviderId'] as const;
