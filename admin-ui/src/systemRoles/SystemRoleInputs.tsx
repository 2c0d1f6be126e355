import { Box } from '@mui/material';
import { useEffect } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { maxLength, ReferenceInput, required, SelectInput, TextInput, useGetOne } from 'react-admin';
import type { LocalSystem, SystemRole } from '../accessCatalogue/types';
import { keepText, NAME_MAX, optionalDescription, requiredName } from '../accessCatalogue/validation';
import { fieldGrid } from '../common/fieldGrid';

/**
 * The SCIM group the role maps to: asked for, and required, only when the chosen system is
 * carried out over SCIM; for any other system the field is emptied so no stale group is sent.
 */
const ScimGroupInput = () => {
  const systemId = useWatch<SystemRole, 'systemId'>({ name: 'systemId' });
  const { setValue, getValues } = useFormContext<SystemRole>();
  const { data: system } = useGetOne<LocalSystem>(
    'local-systems',
    { id: systemId },
    { enabled: Boolean(systemId) },
  );
  const scim = system?.fulfilment === 'SCIM';
  useEffect(() => {
    if (system && !scim && getValues('scimGroup')) setValue('scimGroup', null, { shouldDirty: true });
  }, [system, scim, getValues, setValue]);
  if (!scim) return null;
  return (
    <TextInput
      source="scimGroup"
      validate={[required(), maxLength(NAME_MAX)]}
      helperText="beh.accessCatalogue.scimGroupHelp"
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
    <ScimGroupInput />
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
