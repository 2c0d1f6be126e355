import { AutocompleteInput, BooleanField, DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { AssignmentKindField, PurposeField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { assignmentKindChoices, purposeChoices } from '../enums';
import type { Assignment } from '../types';
import { ListPagination } from '../common/ListPagination';
import {
  DirectoryListActions,
  DirectoryReadOnlyNotice,
  useDirectoryRowClick,
  useDirectoryReadOnly,
} from '../directorySync/readOnly';
import { directoryActiveColumn, showInactiveFilter } from '../directoryActive/DirectoryActive';

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

const Column = DataTable.Col<Assignment>;

export default function AssignmentList() {
  // Rows gone from KIV exist only in ldap mode: its column and "Visa inaktiva" only there.
  const kiv = useDirectoryReadOnly();
  const rowClick = useDirectoryRowClick('edit');
  return (
    <List<Assignment>
      pagination={<ListPagination />}
      sort={{ field: 'careUnitName', order: 'ASC' }}
      filters={kiv ? [...assignmentFilters, showInactiveFilter] : assignmentFilters}
      exporter={false}
      actions={<DirectoryListActions />}
      perPage={25}
    >
      <DirectoryReadOnlyNotice />
      <DataTable<Assignment> rowClick={rowClick} bulkActionButtons={false}>
        <Column source="careUnitName" />
        <Column source="name" />
        <Column source="kind" field={AssignmentKindField} />
        <Column source="purpose" field={PurposeField} />
        <Column source="privateProviderOnly" disableSort>
          {/* Only the exceptions are marked: most assignments are open to every care provider. */}
          <BooleanField source="privateProviderOnly" FalseIcon={null} />
        </Column>
        <Column source="requiresLocalAccess" label="beh.requiresLocalAccess" disableSort>
          {/* Only the exceptions are marked, as above: few assignments need local systems too. */}
          <BooleanField source="requiresLocalAccess" FalseIcon={null} />
        </Column>
        <DataTable.NumberCol source="memberCount" disableSort />
        {kiv && directoryActiveColumn}
      </DataTable>
    </List>
  );
}
