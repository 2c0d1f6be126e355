import { Box } from '@mui/material';
import {
  FormDataConsumer,
  maxLength,
  ReferenceInput,
  required,
  SelectInput,
  TextInput,
  useGetOne,
} from 'react-admin';
import type { LocalSystem, SystemRole } from '../accessCatalogue/types';
import { keepText, NAME_MAX, optionalDescription, requiredName } from '../accessCatalogue/validation';
import { fieldGrid } from '../common/fieldGrid';

/**
 * The SCIM group the role maps to: asked for, and required, when the chosen system is carried out
 * over SCIM. A group kept from before (the system was SCIM once) stays in view, so that nothing
 * hidden is sent, and may be emptied.
 */
const ScimGroupInput = ({ systemId, scimGroup }: Partial<SystemRole>) => {
  const { data: system } = useGetOne<LocalSystem>(
    'local-systems',
    { id: systemId },
    { enabled: Boolean(systemId) },
  );
  const scim = system?.fulfilment === 'SCIM';
  if (!scim && !scimGroup) return null;
  return (
    <TextInput
      source="scimGroup"
      validate={scim ? [required(), maxLength(NAME_MAX)] : maxLength(NAME_MAX)}
      helperText={scim ? 'beh.accessCatalogue.scimGroupHelp' : 'beh.accessCatalogue.scimGroupNotScim'}
    />
  );
};

export const SystemRoleInputs = () => (
  <Box sx={fieldGrid}>
    <ReferenceInput
      source="systemId"
      reference="local-systems"
      sort={{ field: 'name', order: 'ASC' }}
      perPage={1000}
    >
      <SelectInput optionText="name" validate={required()} />
    </ReferenceInput>
    <TextInput source="name" validate={requiredName} />
    <FormDataConsumer<SystemRole>>
      {({ formData }) => <ScimGroupInput systemId={formData.systemId} scimGroup={formData.scimGroup} />}
    </FormDataConsumer>
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

/** What POST/PUT /api/system-roles accepts. */
export const SYSTEM_ROLE_WRITABLE = ['systemId', 'name', 'description', 'scimGroup'] as const;
