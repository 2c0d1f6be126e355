import { DataTable, List, SelectInput } from 'react-admin';
import { CareProviderKindField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { csvExporter, enumLabel } from '../csv';
import { careProviderKindChoices } from '../enums';
import type { CareProvider } from '../types';
import { noWrap } from '../common/noWrap';

const careProviderFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={careProviderKindChoices} />,
];

const exporter = csvExporter<CareProvider>('care-providers', [
  { source: 'name' },
  { source: 'hsaId' },
  { source: 'kind', value: enumLabel('careProviderKind', (provider: CareProvider) => provider.kind) },
]);

const Column = DataTable.Col<CareProvider>;

export default function CareProviderList() {
  return (
    <List<CareProvider>
      sort={{ field: 'name', order: 'ASC' }}
      filters={careProviderFilters}
      exporter={exporter}
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
