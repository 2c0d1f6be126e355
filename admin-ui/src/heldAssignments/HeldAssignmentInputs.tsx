import { Box } from '@mui/material';
import { AutocompleteInput, DateInput, ReferenceInput, required } from 'react-admin';
import { notBeforeValidFrom } from '../common/dates';
import type { Assignment } from '../types';
import { fieldGrid } from '../common/fieldGrid';

// The same assignment name exists at every care unit, so the unit is part of the option.
const assignmentOption = (assignment: Assignment) => `${assignment.name} – ${assignment.careUnitName}`;

export const HeldAssignmentInputs = () => (
  <Box sx={fieldGrid}>
    <ReferenceInput source="personId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
      <AutocompleteInput validate={required()} />
    </ReferenceInput>
    <ReferenceInput
      source="assignmentId"
      reference="assignments"
      sort={{ field: 'careUnitName', order: 'ASC' }}
    >
      <AutocompleteInput optionText={assignmentOption} validate={required()} />
    </ReferenceInput>
    <DateInput source="validFrom" validate={required()} />
    <DateInput source="validTo" validate={notBeforeValidFrom} />
  </Box>
);

/** What POST/PUT /api/held-assignments accepts. */
export const HELD_ASSIGNMENT_WRITABLE = ['personId', 'assignmentId', 'validFrom', 'validTo'] as const;
