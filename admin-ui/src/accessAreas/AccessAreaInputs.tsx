import { Box } from '@mui/material';
import { TextInput } from 'react-admin';
import { keepText, optionalDescription, requiredName } from '../accessCatalogue/validation';
import { fieldGrid } from '../common/fieldGrid';

export const AccessAreaInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="name" validate={requiredName} />
    <TextInput
      source="description"
      parse={keepText}
      validate={optionalDescription}
      multiline
      minRows={2}
      sx={{ gridColumn: '1 / -1' }}
    />
  </Box>
);

/** What POST/PUT /api/access-areas accepts. */
export const ACCESS_AREA_WRITABLE = ['name', 'description'] as const;
