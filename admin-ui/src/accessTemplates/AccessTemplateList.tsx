import { AutocompleteInput, BooleanField, DataTable, List, ReferenceInput, SelectInput } from 'react-admin';
import { TemplateProfessionsField, TemplateRoleCountField } from '../accessCatalogue/fields';
import type { AccessOperation, AccessTemplate } from '../accessCatalogue/types';
import { ActiveFilter } from '../common/ActiveFilter';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';

const accessTemplateFilters = [
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
  <ReferenceInput
    key="operationId"
    source="operationId"
    reference="access-operations"
    sort={{ field: 'areaName', order: 'ASC' }}
    perPage={1000}
    alwaysOn
  >
    <AutocompleteInput
      optionText="name"
      groupBy={(operation: AccessOperation) => operation.areaName}
      sx={{ minWidth: 260 }}
    />
  </ReferenceInput>,
  <ReferenceInput
    key="professionId"
    source="professionId"
    reference="professions"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={1000}
  >
    <AutocompleteInput optionText="name" sx={{ minWidth: 260 }} />
  </ReferenceInput>,
  <ReferenceInput
    key="systemId"
    source="systemId"
    reference="local-systems"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={1000}
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <ActiveFilter key="active" source="active" />,
];

const Column = DataTable.Col<AccessTemplate>;

export default function AccessTemplateList() {
  return (
    <List<AccessTemplate>
      pagination={<ListPagination />}
      sort={{ field: 'areaName', order: 'ASC' }}
      filters={accessTemplateFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<AccessTemplate> rowClick="edit" bulkActionButtons={false}>
        <Column source="areaName" />
        <Column source="operationName" />
        <Column source="name" />
        <Column source="professions" disableSort>
          <TemplateProfessionsField />
        </Column>
        <Column source="roles" disableSort align="right">
          <TemplateRoleCountField />
        </Column>
        <Column source="active">
          <BooleanField source="active" />
        </Column>
      </DataTable>
    </List>
  );
}
