import { AutocompleteInput, BooleanField, DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { AssignmentKindField, PurposeField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { csvExporter, enumLabel } from '../csv';
import { assignmentKindChoices, purposeChoices } from '../enums';
import type { Assignment } from '../types';

const assignmentFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="careUnitId"
    source="careUnitId"
    reference="care-units"
    sort={{ field: 'name', order: 'ASC' }}
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
  <SelectInput key="purpose" source="purpose" choices={purposeChoices} />,
  <SelectInput key="kind" source="kind" choices={assignmentKindChoices} />,
];

const exporter = csvExporter<Assignment>('assignments', [
  { source: 'careUnitName' },
  { source: 'name' },
  { source: 'hsaId' },
  { source: 'kind', value: enumLabel('assignmentKind', (assignment: Assignment) => assignment.kind) },
  { source: 'purpose', value: enumLabel('purpose', (assignment: Assignment) => assignment.purpose) },
  { source: 'privateProviderOnly' },
  { source: 'memberCount' },
  { source: 'description' },
]);

const Column = DataTable.Col<Assignment>;

export default function AssignmentList() {
  return (
    <List<Assignment>
      sort={{ field: 'careUnitName', order: 'ASC' }}
      filters={assignmentFilters}
      exporter={exporter}
      perPage={25}
    >
      <DataTable<Assignment> rowClick="edit" bulkActionButtons={false}>
        <Column source="careUnitName" />
        <Column source="name" />
        <Column source="kind" field={AssignmentKindField} />
        <Column source="purpose" field={PurposeField} />
        <Column source="privateProviderOnly" disableSort>
          {/* Only the exceptions are marked: most assignments are open to every care provider. */}
          <BooleanField source="privateProviderOnly" FalseIcon={null} />
        </Column>
        <DataTable.NumberCol source="memberCount" disableSort />
      </DataTable>
    </List>
  );
}
