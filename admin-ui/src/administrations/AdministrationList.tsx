import { DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { SearchFilter } from '../common/SearchFilter';
import type { Administration } from '../types';
import { ListPagination } from '../common/ListPagination';
import {
  DirectoryListActions,
  DirectoryReadOnlyNotice,
  useDirectoryRowClick,
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
  const rowClick = useDirectoryRowClick('edit');
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
        {kiv && directoryActiveColumn}
      </DataTable>
    </List>
  );
}
