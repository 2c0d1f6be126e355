import { Box } from '@mui/material';
import { maxLength, required, SelectInput, TextInput } from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';
import { purposeChoices } from '../enums';

export const SystemInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="systemName" validate={[required(), maxLength(200)]} />
    {/* Not nullable in the API: an empty use case is '' (the system as a whole). */}
    <TextInput source="useCase" parse={(value: string) => value} validate={maxLength(500)} />
    <SelectInput source="purpose" choices={purposeChoices} validate={required()} />
    <TextInput source="assignmentName" validate={[required(), maxLength(200)]} />
    <TextInput source="note" multiline minRows={2} sx={{ gridColumn: '1 / -1' }} />
  </Box>
);

/** What POST/PUT /api/systems accepts. */
export const SYSTEM_WRITABLE = ['systemName', 'useCase', 'purpose', 'assignmentName', 'note'] as const;
