import { Box } from '@mui/material';
import { AutocompleteInput, maxLength, ReferenceInput, required, TextInput } from 'react-admin';
import { IsoDateInput } from '../common/IsoDateInput';
import { notBeforeValidFrom } from '../common/dates';
import { fieldGrid } from '../common/fieldGrid';

export const EngagementInputs = () => (
  <Box sx={fieldGrid}>
    <ReferenceInput source="personId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
      <AutocompleteInput validate={required()} />
    </ReferenceInput>
    <ReferenceInput source="careUnitId" reference="care-units" sort={{ field: 'name', order: 'ASC' }}>
      <AutocompleteInput validate={required()} />
    </ReferenceInput>
    <TextInput source="costCentre" validate={maxLength(20)} />
    <TextInput source="title" validate={maxLength(100)} />
    <IsoDateInput source="validFrom" validate={required()} />
    <IsoDateInput source="validTo" validate={notBeforeValidFrom} />
  </Box>
);

/** What POST/PUT /api/engagements accepts. */
export const ENGAGEMENT_WRITABLE = [
  'personId',
  'careUnitId',
  'costCentre',
  'title',
  'validFrom',
  'validTo',
] as const;
