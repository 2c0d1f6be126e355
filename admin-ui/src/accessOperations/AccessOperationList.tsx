import { AutocompleteInput, DataTable, FunctionField, List, ReferenceInput, SelectInput } from 'react-admin';
import { personInputText } from '../delegations/PersonOption';
import type { AccessOperation } from '../accessCatalogue/types';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';

const accessOperationFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="areaId"
    source="areaId"
    reference="access-areas"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={1000}
    alwaysOn
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
  // Which verksamheter a head answers for: the ones whose orders will be theirs to delegate.
  <ReferenceInput
    key="headPersonId"
    source="headPersonId"
    reference="persons"
    sort={{ field: 'lastName', order: 'ASC' }}
  >
    <AutocompleteInput optionText={personInputText} sx={{ minWidth: 280 }} />
  </ReferenceInput>,
];

const Column = DataTable.Col<AccessOperation>;

export default function AccessOperationList() {
  return (
    <List<AccessOperation>
      pagination={<ListPagination />}
      sort={{ field: 'areaName', order: 'ASC' }}
      filters={accessOperationFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<AccessOperation> rowClick="edit" bulkActionButtons={false}>
        <Column source="areaName" />
        <Column source="name" />
        <Column source="headName" disableSort>
          <FunctionField<AccessOperation>
            render={(operation) => `${operation.headName} (${operation.headUserId})`}
          />
        </Column>
        <DataTable.NumberCol source="templateCount" disableSort />
      </DataTable>
    </List>
  );
}
