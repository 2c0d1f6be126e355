import { AutocompleteInput, ReferenceInput, SelectInput } from 'react-admin';
import { SearchFilter } from '../common/SearchFilter';
import { statusChoices } from './choices';
import { PersonOption, personInputText, personMatches } from './PersonOption';

const personFilter = (source: 'delegateId' | 'grantorId') => (
  <ReferenceInput key={source} source={source} reference="persons" sort={{ field: 'lastName', order: 'ASC' }}>
    <AutocompleteInput
      optionText={<PersonOption />}
      inputText={personInputText}
      matchSuggestion={personMatches}
      filterToQuery={(q: string) => ({ q })}
      sx={{ minWidth: 280 }}
    />
  </ReferenceInput>
);

/**
 * "Sök befintlig delegering": delegate, unit, grantor and status, whether for a care unit or a
 * verksamhet, with a free-text search (delegate, unit or verksamhet) always there.
 */
export const delegationFilters = (text: (key: string) => string) => [
  // Its text (beh.delegations.searchHint) names the verksamhet too: "Delegat, vårdenhet eller verksamhet".
  <SearchFilter key="q" source="q" hint="beh.delegations.searchHint" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  personFilter('delegateId'),
  <ReferenceInput
    key="careUnitId"
    source="careUnitId"
    reference="care-units"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
  personFilter('grantorId'),
  <SelectInput
    key="target"
    source="target"
    label={text('resources.delegations.fields.target')}
    choices={['UNIT', 'OPERATION'].map((id) => ({ id, name: text(`beh.delegations.target.${id}`) }))}
    translateChoice={false}
  />,
];
