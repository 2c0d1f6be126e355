import {
  AutocompleteInput,
  BooleanField,
  DataTable,
  List,
  ReferenceInput,
  SelectInput,
  TextField,
} from 'react-admin';
import { ActiveFilter } from '../common/ActiveFilter';
import { SearchFilter } from '../common/SearchFilter';
import type { Person } from '../types';
import { noWrap } from '../common/noWrap';
import { ListPagination } from '../common/ListPagination';
import {
  DirectoryListActions,
  DirectoryReadOnlyNotice,
  useDirectoryReadOnly,
} from '../directorySync/readOnly';
import { directoryActiveColumn, showInactiveFilter } from '../directoryActive/DirectoryActive';

const personFilters = [
  <SearchFilter key="q" source="q" hint="beh.filter.searchPersons" alwaysOn />,
  <ReferenceInput
    key="careUnitId"
    source="careUnitId"
    reference="care-units"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <ReferenceInput
    key="administrationId"
    source="administrationId"
    reference="administrations"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={100}
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <ActiveFilter key="active" source="active" />,
];

const Column = DataTable.Col<Person>;

export default function PersonList() {
  // Rows gone from KIV exist only in ldap mode: its column and "Visa inaktiva" only there.
  const kiv = useDirectoryReadOnly();
  return (
    <List<Person>
      pagination={<ListPagination />}
      sort={{ field: 'lastName', order: 'ASC' }}
      filters={kiv ? [...personFilters, showInactiveFilter] : personFilters}
      exporter={false}
      actions={<DirectoryListActions />}
      perPage={25}
    >
      <DirectoryReadOnlyNotice />
      <DataTable<Person> rowClick="show" bulkActionButtons={false}>
        <Column source="firstName" />
        <Column source="lastName" />
        <Column source="userId" sx={noWrap} />
        <Column source="hsaId" sx={noWrap} />
        <Column source="personnummer" disableSort sx={noWrap}>
          <TextField source="personnummer" emptyText="beh.empty" />
        </Column>
        <Column source="title" disableSort />
        <Column source="organisation" disableSort />
        <Column source="active" field={BooleanField} disableSort />
        {kiv && directoryActiveColumn}
      </DataTable>
    </List>
  );
}
