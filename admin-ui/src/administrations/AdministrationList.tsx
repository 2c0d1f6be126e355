import { DataTable, List, ReferenceInput, SelectInput, TextField } from 'react-admin';
import { SearchFilter } from '../common/SearchFilter';
import type { Administration } from '../types';
import { ListPagination } from '../common/ListPagination';
import {
  DirectoryListActions,
  DirectoryReadOnlyNotice,
  useDirectoryReadOnly,
} from '../directorySync/readOnly';
import { directoryActiveColumn, showInactiveFilter } from '../directoryActive/DirectoryActive';

const administrationFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="careProviderId"
    source="careProviderId"
    reference="care-providers"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
];

const Column = DataTable.Col<Administration>;

export default function AdministrationList() {
  // Rows gone from KIV exist only in ldap mode: its column and "Visa inaktiva" only there.
  const kiv = useDirectoryReadOnly();
  // The edit page also in ldap mode: there it sets the head (BEH's own) only.
  const rowClick = 'edit';
  return (
    <List<Administration>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={kiv ? [...administrationFilters, showInactiveFilter] : administrationFilters}
      exporter={false}
      actions={<DirectoryListActions />}
      perPage={25}
    >
      <DirectoryReadOnlyNotice />
      <DataTable<Administration> rowClick={rowClick} bulkActionButtons={false}>
        <Column source="code" />
        <Column source="name" />
        <Column source="careProviderName" />
        <Column source="headPersonName" disableSort>
          <TextField source="headPersonName" emptyText="beh.empty" />
        </Column>
        {kiv && directoryActiveColumn}
      </DataTable>
    </List>
  );
}
