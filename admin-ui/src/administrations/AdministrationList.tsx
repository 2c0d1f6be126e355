import { DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';
import type { Administration } from '../types';
import { ListPagination } from '../common/ListPagination';

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
  return (
    <List<Administration>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={administrationFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<Administration> rowClick="edit" bulkActionButtons={false}>
        <Column source="code" />
        <Column source="name" />
        <Column source="careProviderName" />
      </DataTable>
    </List>
  );
}
