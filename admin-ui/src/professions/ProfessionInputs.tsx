import { Box } from '@mui/material';
import { TextInput } from 'react-admin';
import { requiredName } from '../accessCatalogue/validation';
import { fieldGrid } from '../common/fieldGrid';

export const ProfessionInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="name" validate={requiredName} />
  </Box>
);

/** What POST/PUT /api/professions accepts. */
export const PROFESSION_WRITABLE = ['name'] as const;
