import { Box } from '@mui/material';
import {
  AutocompleteInput,
  BooleanInput,
  maxLength,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
} from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';
import { assignmentKindChoices, purposeChoices } from '../enums';

export const AssignmentInputs = () => (
  <Box sx={fieldGrid}>
    <ReferenceInput source="careUnitId" reference="care-units" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput validate={required()} />
    </ReferenceInput>
    <TextInput source="name" validate={[required(), maxLength(200)]} />
    <TextInput source="hsaId" validate={[required(), maxLength(40)]} />
    <SelectInput source="purpose" choices={purposeChoices} validate={required()} />
    <SelectInput source="kind" choices={assignmentKindChoices} validate={required()} />
    <BooleanInput source="privateProviderOnly" />
    {/* An order of this assignment must also carry an access template (issue 14). */}
    <BooleanInput source="requiresLocalAccess" />
    <TextInput source="description" multiline minRows={3} sx={{ gridColumn: '1 / -1' }} />
  </Box>
);

/** What POST/PUT /api/assignments accepts. */
export const ASSIGNMENT_WRITABLE = [
  'hsaId',
  'careUnitId',
  'name',
  'purpose',
  'kind',
  'description',
  'privateProviderOnly',
  'requiresLocalAccess',
] as const;
