import { BooleanField, DataTable, List, SelectInput } from 'react-admin';
import { fulfilmentChoices } from '../accessCatalogue/choices';
import { FulfilmentField } from '../accessCatalogue/fields';
import type { LocalSystem } from '../accessCatalogue/types';
import { ActiveFilter } from '../common/ActiveFilter';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';

const localSystemFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <SelectInput key="fulfilment" source="fulfilment" choices={fulfilmentChoices} />,
  <ActiveFilter key="active" source="active" />,
];

const Column = DataTable.Col<LocalSystem>;

export default function LocalSystemList() {
  return (
    <List<LocalSystem>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={localSystemFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<LocalSystem> rowClick="edit" bulkActionButtons={false}>
        <Column source="name" />
        <Column source="owner" />
        <Column source="fulfilment" field={FulfilmentField} />
        <DataTable.NumberCol source="roleCount" disableSort />
        <Column source="active">
          <BooleanField source="active" />
        </Column>
      </DataTable>
    </List>
  );
}
