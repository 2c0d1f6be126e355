import { DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { SearchFilter } from '../common/SearchFilter';
import { csvExporter } from '../csv';
import type { Administration } from '../types';

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

const exporter = csvExporter<Administration>('administrations', [
  { source: 'code' },
  { source: 'name' },
  { source: 'careProviderName' },
]);

const Column = DataTable.Col<Administration>;

export default function AdministrationList() {
  return (
    <List<Administration>
      sort={{ field: 'name', order: 'ASC' }}
      filters={administrationFilters}
      exporter={exporter}
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
