import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm } from 'react-admin';
import { Box } from '@mui/material';
import { fieldGrid } from '../common/fieldGrid';
import { personInputText } from '../delegations/PersonOption';
import type { Auditor } from './types';

/** Makes a person an auditor (Revisorer): a person found by name or VGR-ID. */
export default function AuditorCreate() {
  return (
    <Create<Auditor>
      title="beh.create.auditors"
      redirect="list"
      transform={({ personId }: Auditor) => ({ personId })}
    >
      <SimpleForm>
        <Box sx={fieldGrid}>
          <ReferenceInput source="personId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
            <AutocompleteInput optionText={personInputText} validate={required()} />
          </ReferenceInput>
        </Box>
      </SimpleForm>
    </Create>
  );
}
