import { AutocompleteInput, DataTable, List, ReferenceInput, SelectInput, TextField } from 'react-admin';
import { CareProviderKindField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { careProviderKindChoices } from '../enums';
import type { CareUnit } from '../types';
import { noWrap } from '../common/noWrap';
import { ListPagination } from '../common/ListPagination';
import {
  DirectoryListActions,
  DirectoryReadOnlyNotice,
  useDirectoryRowClick,
  useDirectoryReadOnly,
} from '../directorySync/readOnly';
import { directoryActiveColumn, showInactiveFilter } from '../directoryActive/DirectoryActive';

const careUnitFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <ReferenceInput
    key="administrationId"
    source="administrationId"
    reference="administrations"
    sort={{ field: 'name', order: 'ASC' }}
    perPage={100}
  >
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <SelectInput key="careProviderKind" source="careProviderKind" choices={careProviderKindChoices} />,
  <ReferenceInput
    key="headOfUnitId"
    source="headOfUnitId"
    reference="persons"
    sort={{ field: 'lastName', order: 'ASC' }}
  >
    <AutocompleteInput />
  </ReferenceInput>,
];

const Column = DataTable.Col<CareUnit>;

export default function CareUnitList() {
  // Rows gone from KIV exist only in ldap mode: its column and "Visa inaktiva" only there.
  const kiv = useDirectoryReadOnly();
  const rowClick = useDirectoryRowClick('edit');
  return (
    <List<CareUnit>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={kiv ? [...careUnitFilters, showInactiveFilter] : careUnitFilters}
      exporter={false}
      actions={<DirectoryListActions />}
      perPage={25}
    >
      <DirectoryReadOnlyNotice />
      <DataTable<CareUnit> rowClick={rowClick} bulkActionButtons={false}>
        <Column source="name" />
        <Column source="hsaId" sx={noWrap} />
        <Column source="administrationName" />
        <Column source="careProviderName" disableSort />
        <Column source="careProviderKind" field={CareProviderKindField} disableSort />
        <Column source="headOfUnitName" disableSort>
          <TextField source="headOfUnitName" emptyText="beh.empty" />
        </Column>
        <DataTable.NumberCol source="activeStaff" disableSort />
        {kiv && directoryActiveColumn}
      </DataTable>
    </List>
  );
}
