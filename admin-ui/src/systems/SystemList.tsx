import { DataTable, List, SelectInput } from 'react-admin';
import { PurposeField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { csvExporter, enumLabel } from '../csv';
import { purposeChoices } from '../enums';
import type { SystemGuideEntry } from '../types';

const systemFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <SelectInput key="purpose" source="purpose" choices={purposeChoices} />,
];

const exporter = csvExporter<SystemGuideEntry>('systems', [
  { source: 'systemName' },
  { source: 'useCase' },
  { source: 'purpose', value: enumLabel('purpose', (entry: SystemGuideEntry) => entry.purpose) },
  { source: 'assignmentName' },
  { source: 'note' },
]);

const Column = DataTable.Col<SystemGuideEntry>;

export default function SystemList() {
  return (
    <List<SystemGuideEntry>
      sort={{ field: 'systemName', order: 'ASC' }}
      filters={systemFilters}
      exporter={exporter}
      perPage={25}
    >
      <DataTable<SystemGuideEntry> rowClick="edit" bulkActionButtons={false}>
        <Column source="systemName" />
        <Column source="useCase" disableSort />
        <Column source="purpose" field={PurposeField} />
        <Column source="assignmentName" />
        <Column source="note" disableSort />
      </DataTable>
    </List>
  );
}
