import { DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import type { SystemRole } from '../accessCatalogue/types';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';

const systemRoleFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="systemId"
    source="systemId"
    reference="local-systems"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={1000}
    alwaysOn
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
];

const Column = DataTable.Col<SystemRole>;

export default function SystemRoleList() {
  return (
    <List<SystemRole>
      pagination={<ListPagination />}
      sort={{ field: 'systemName', order: 'ASC' }}
      filters={systemRoleFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<SystemRole> rowClick="edit" bulkActionButtons={false}>
        <Column source="systemName" />
        <Column source="name" />
        <Column source="scimGroup" />
        <Column source="description" disableSort />
      </DataTable>
    </List>
  );
}
