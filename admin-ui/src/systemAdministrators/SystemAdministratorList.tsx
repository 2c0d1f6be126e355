import { AutocompleteInput, DataTable, DateField, DeleteButton, List, ReferenceInput } from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';
import type { SystemAdministrator } from './types';

const filters = [
  <SearchFilter key="q" source="q" alwaysOn hint="beh.systemAdministrators.searchHint" />,
  <ReferenceInput
    key="systemId"
    source="systemId"
    reference="local-systems"
    sort={{ field: 'name', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

const Column = DataTable.Col<SystemAdministrator>;

/** "Systemadministratörer": who carries out each system's work items; kept by administrators. */
export default function SystemAdministratorList() {
  return (
    <List<SystemAdministrator>
      pagination={<ListPagination />}
      sort={{ field: 'systemName', order: 'ASC' }}
      filters={filters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<SystemAdministrator> rowClick={false} bulkActionButtons={false}>
        <Column source="systemName" />
        <Column source="personName" />
        <Column source="personUserId" disableSort />
        <Column source="personHsaId" disableSort />
        <Column source="createdAt">
          <DateField source="createdAt" />
        </Column>
        <Column label="" disableSort>
          <DeleteButton mutationMode="pessimistic" />
        </Column>
      </DataTable>
    </List>
  );
}
