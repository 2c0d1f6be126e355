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

const targetChoices = [
  { id: 'UNIT', name: 'beh.delegations.target.UNIT' },
  { id: 'OPERATION', name: 'beh.delegations.target.OPERATION' },
];

/**
 * "Sök befintlig delegering": delegate, unit, grantor and status, whether for a care unit or a
 * verksamhet, with a free-text search (delegate, unit or verksamhet) always there.
 */
export const delegationFilters = [
  <SearchFilter key="q" source="q" hint="beh.delegations.searchHintWithOperations" alwaysOn />,
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
  <SelectInput key="target" source="target" choices={targetChoices} />,
];
