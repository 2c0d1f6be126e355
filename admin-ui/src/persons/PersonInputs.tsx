import { Box } from '@mui/material';
import { BooleanInput, email, maxLength, required, TextInput, type Validator } from 'react-admin';
import { fieldGrid } from '../common/fieldGrid';

/** Either a personnummer or a passport number identifies the person (the contract requires one). */
const identityRequired: Validator = (value: unknown, values: Record<string, unknown>) =>
  !value && !values.personnummer && !values.passportNumber ? 'beh.persons.identityRequired' : undefined;

/** Shared by PersonCreate and PersonEdit: the writable fields of a person. */
export const PersonInputs = () => (
  <Box sx={fieldGrid}>
    <TextInput source="firstName" validate={[required(), maxLength(100)]} />
    <TextInput source="lastName" validate={[required(), maxLength(100)]} />
    <TextInput source="userId" validate={[required(), maxLength(20)]} />
    <TextInput source="hsaId" validate={[required(), maxLength(40)]} />
    <TextInput source="personnummer" helperText="ÅÅÅÅMMDD-NNNN" validate={identityRequired} />
    <TextInput source="passportNumber" helperText="beh.persons.passportHelp" validate={identityRequired} />
    <TextInput source="title" validate={maxLength(100)} />
    <TextInput source="email" type="email" validate={email()} />
    <BooleanInput source="protectedIdentity" />
  </Box>
);

/** What PUT /api/persons/:id accepts. */
export const PERSON_WRITABLE = [
  'hsaId',
  'userId',
  'personnummer',
  'passportNumber',
  'firstName',
  'lastName',
  'title',
  'email',
  'protectedIdentity',
] as const;
