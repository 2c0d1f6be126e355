import { DataTable, List, SelectInput } from 'react-admin';
import { CareProviderKindField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';
import { careProviderKindChoices } from '../enums';
import type { CareProvider } from '../types';
import { noWrap } from '../common/noWrap';
import { ListPagination } from '../common/ListPagination';

const careProviderFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={careProviderKindChoices} />,
];

const Column = DataTable.Col<CareProvider>;

export default function CareProviderList() {
  return (
    <List<CareProvider>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={careProviderFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<CareProvider> rowClick="edit" bulkActionButtons={false}>
        <Column source="name" />
        <Column source="hsaId" sx={noWrap} />
        <Column source="kind" field={CareProviderKindField} />
      </DataTable>
    </List>
  );
}
