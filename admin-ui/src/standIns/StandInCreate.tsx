import { Box } from '@mui/material';
import { AutocompleteInput, Create, ReferenceInput, required, SimpleForm } from 'react-admin';
import { IsoDateInput } from '../common/IsoDateInput';
import { PersonOption, personInputText, personMatches } from '../delegations/PersonOption';
import { notBeforeToday, notBeforeValidFrom } from '../delegations/validation';
import type { StandIn } from './types';

type StandInForm = Pick<StandIn, 'standInId' | 'validFrom' | 'validTo'>;

/** Names a stand-in: a person found by name or VGR-ID, from a day (today or later) to a day. */
export default function StandInCreate() {
  return (
    <Create<StandIn>
      title="beh.standIns.add"
      redirect="list"
      transform={({ standInId, validFrom, validTo }: StandInForm) => ({ standInId, validFrom, validTo })}
    >
      <SimpleForm>
        <ReferenceInput source="standInId" reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
          <AutocompleteInput
            optionText={<PersonOption />}
            inputText={personInputText}
            matchSuggestion={personMatches}
            filterToQuery={(q: string) => ({ q })}
            validate={required()}
            helperText="beh.standIns.standInHint"
            fullWidth
          />
        </ReferenceInput>
        <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap' }}>
          <IsoDateInput source="validFrom" validate={[required(), notBeforeToday]} sx={{ width: 240 }} />
          <IsoDateInput
            source="validTo"
            validate={[required(), notBeforeValidFrom]}
            helperText="beh.standIns.validToHint"
            sx={{ width: 240 }}
          />
        </Box>
      </SimpleForm>
    </Create>
  );
}
