import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm } from 'react-admin';
import { Box } from '@mui/material';
import { fieldGrid } from '../common/fieldGrid';
import { personInputText } from '../delegations/PersonOption';
import type { SystemAdministrator } from './types';

/** Makes a person an administrator of a system: a system, and a person found by name or VGR-ID. */
export default function SystemAdministratorCreate() {
  return (
    <Create<SystemAdministrator>
      title="beh.create.system-administrators"
      redirect="list"
      transform={({ systemId, personId }: SystemAdministrator) => ({ systemId, personId })}
    >
      <SimpleForm>
        <Box sx={fieldGrid}>
          <ReferenceInput source="systemId" reference="local-systems" sort={{ field: 'name', order: 'ASC' }}>
            <AutocompleteInput optionText="name" validate={required()} />
          </ReferenceInput>
          <ReferenceInput source="personId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
            <AutocompleteInput optionText={personInputText} validate={required()} />
          </ReferenceInput>
        </Box>
      </SimpleForm>
    </Create>
  );
}
