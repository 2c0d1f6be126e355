import { Box } from '@mui/material';
import { AutocompleteInput, maxLength, ReferenceInput, required, SelectInput, TextInput } from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';

/**
 * Förvaltningschef: BEH's own (KIV names none), the person an access review escalates the
 * administration's units with open items to at its due date (rule 40). Picked as a care unit's
 * verksamhetschef is.
 */
export const AdministrationHeadInput = () => (
  <ReferenceInput source="headPersonId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
    <AutocompleteInput />
  </ReferenceInput>
);

export const AdministrationInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="code" validate={[required(), maxLength(20)]} />
    <TextInput source="name" validate={[required(), maxLength(200)]} />
    <ReferenceInput source="careProviderId" reference="care-providers" sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput optionText="name" validate={required()} />
    </ReferenceInput>
    <AdministrationHeadInput />
  </Box>
);

/** What POST/PUT /api/administrations accepts. */
export const ADMINISTRATION_WRITABLE = ['code', 'name', 'careProviderId', 'headPersonId'] as const;

/** What PUT /api/administrations/:id accepts in ldap mode: BEH's own columns only. */
export const ADMINISTRATION_BEH_OWNED = ['headPersonId'] as const;
