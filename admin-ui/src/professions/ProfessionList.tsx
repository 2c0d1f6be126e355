import { DataTable, List } from 'react-admin';
import type { Profession } from '../accessCatalogue/types';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';

const professionFilters = [<SearchFilter key="q" source="q" alwaysOn />];

const Column = DataTable.Col<Profession>;

export default function ProfessionList() {
  return (
    <List<Profession>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={professionFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<Profession> rowClick="edit" bulkActionButtons={false}>
        <Column source="name" />
        <DataTable.NumberCol source="templateCount" disableSort />
      </DataTable>
    </List>
  );
}
