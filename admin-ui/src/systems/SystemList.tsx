import { DataTable, List, SelectInput } from 'react-admin';
import { PurposeField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';
import { purposeChoices } from '../enums';
import type { SystemGuideEntry } from '../types';
import { ListPagination } from '../common/ListPagination';

const systemFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <SelectInput key="purpose" source="purpose" choices={purposeChoices} />,
];

const Column = DataTable.Col<SystemGuideEntry>;

export default function SystemList() {
  return (
    <List<SystemGuideEntry>
      pagination={<ListPagination />}
      sort={{ field: 'systemName', order: 'ASC' }}
      filters={systemFilters}
      exporter={false}
      actions={<ServerExportActions />}
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
