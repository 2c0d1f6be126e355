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

/** "Sök befintlig delegering": delegate, unit, grantor and status, with a free-text search always there. */
export const delegationFilters = [
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
];
