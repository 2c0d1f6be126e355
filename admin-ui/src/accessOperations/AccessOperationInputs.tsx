import { Box } from '@mui/material';
import { AutocompleteInput, ReferenceInput, required, SelectInput, TextInput } from 'react-admin';
import { keepText, optionalDescription, requiredName } from '../accessCatalogue/validation';
import { fieldGrid } from '../common/fieldGrid';
import { personInputText } from '../delegations/PersonOption';

export const AccessOperationInputs = () => (
  <Box sx={fieldGrid}>
    <ReferenceInput
      source="areaId"
      reference="access-areas"
      sort={{ field: 'name', order: 'ASC' }}
      perPage={1000}
    >
      <SelectInput optionText="name" validate={required()} />
    </ReferenceInput>
    <TextInput source="name" validate={requiredName} />
    {/* The responsible head: a person of the directory, found by name or VGR-ID as other person pickers. */}
    <ReferenceInput source="headPersonId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
      <AutocompleteInput
        optionText={personInputText}
        validate={required()}
        helperText="beh.accessCatalogue.headHelp"
        sx={{ gridColumn: '1 / -1' }}
      />
    </ReferenceInput>
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

/** What POST/PUT /api/access-operations accepts. */
export const ACCESS_OPERATION_WRITABLE = ['areaId', 'name', 'description', 'headPersonId'] as const;
