import { DataTable, List } from 'react-admin';
import type { AccessArea } from '../accessCatalogue/types';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';

const accessAreaFilters = [<SearchFilter key="q" source="q" alwaysOn />];

const Column = DataTable.Col<AccessArea>;

export default function AccessAreaList() {
  return (
    <List<AccessArea>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={accessAreaFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<AccessArea> rowClick="edit" bulkActionButtons={false}>
        <Column source="name" />
        <Column source="description" disableSort />
        <DataTable.NumberCol source="operationCount" disableSort />
      </DataTable>
    </List>
  );
}
