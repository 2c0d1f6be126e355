import { Box } from '@mui/material';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  BooleanInput,
  ReferenceArrayInput,
  ReferenceInput,
  required,
  TextInput,
  type Validator,
} from 'react-admin';
import type { AccessOperation, AccessTemplate, Profession, SystemRole } from '../accessCatalogue/types';
import { keepText, optionalDescription, requiredName } from '../accessCatalogue/validation';
import { fieldGrid } from '../common/fieldGrid';

/**
 * At least one chosen, as the server requires; marked as required (the label's asterisk) as
 * react-admin's own `required()` is.
 */
const atLeastOne = (message: string): Validator =>
  Object.assign((value: unknown) => (Array.isArray(value) && value.length > 0 ? undefined : message), {
    isRequired: true,
  });

const operationText = (operation: AccessOperation) => `${operation.name} (${operation.areaName})`;
/** "Melior – Läsbehörighet": a role means nothing without its system. */
export const roleText = (role: SystemRole) => `${role.systemName} – ${role.name}`;

const full = { gridColumn: '1 / -1' } as const;

export const AccessTemplateInputs = () => (
  <Box sx={fieldGrid}>
    <ReferenceInput
      source="operationId"
      reference="access-operations"
      sort={{ field: 'areaName', order: 'ASC' }}
      perPage={1000}
    >
      <AutocompleteInput
        optionText={operationText}
        groupBy={(operation: AccessOperation) => operation.areaName}
        validate={required()}
        sx={full}
      />
    </ReferenceInput>
    <TextInput source="name" validate={requiredName} />
    <BooleanInput
      source="active"
      helperText="beh.accessCatalogue.activeTemplateHelp"
      sx={{ alignSelf: 'center' }}
    />
    <ReferenceArrayInput
      source="roleIds"
      reference="system-roles"
      sort={{ field: 'systemName', order: 'ASC' }}
      perPage={1000}
    >
      <AutocompleteArrayInput
        optionText={roleText}
        groupBy={(role: SystemRole) => role.systemName}
        validate={atLeastOne('beh.accessCatalogue.validation.rolesRequired')}
        helperText="beh.accessCatalogue.rolesHelp"
        sx={full}
      />
    </ReferenceArrayInput>
    <ReferenceArrayInput
      source="professionIds"
      reference="professions"
      sort={{ field: 'name', order: 'ASC' }}
      perPage={1000}
    >
      <AutocompleteArrayInput
        optionText={(profession: Profession) => profession.name}
        validate={atLeastOne('beh.accessCatalogue.validation.professionsRequired')}
        helperText="beh.accessCatalogue.professionsHelp"
        sx={full}
      />
    </ReferenceArrayInput>
    <TextInput
      source="description"
      parse={keepText}
      validate={optionalDescription}
      multiline
      minRows={2}
      sx={full}
    />
  </Box>
);

/** What POST/PUT /api/access-templates accepts. */
export const ACCESS_TEMPLATE_WRITABLE: readonly (keyof AccessTemplate & string)[] = [
  'operationId',
  'name',
  'description',
  'active',
  'roleIds',
  'professionIds',
];
