import { DataTable, List, SelectInput } from 'react-admin';
import { CareProviderKindField } from '../common/EnumField';
import { SearchFilter } from '../common/SearchFilter';
import { careProviderKindChoices } from '../enums';
import type { CareProvider } from '../types';
import { noWrap } from '../common/noWrap';
import { ListPagination } from '../common/ListPagination';
import {
  DirectoryListActions,
  DirectoryReadOnlyNotice,
  useDirectoryRowClick,
  useDirectoryReadOnly,
} from '../directorySync/readOnly';
import { directoryActiveColumn, showInactiveFilter } from '../directoryActive/DirectoryActive';

const careProviderFilters = [
  <SearchFilter key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={careProviderKindChoices} />,
];

const Column = DataTable.Col<CareProvider>;

export default function CareProviderList() {
  // Rows gone from KIV exist only in ldap mode: its column and "Visa inaktiva" only there.
  const kiv = useDirectoryReadOnly();
  const rowClick = useDirectoryRowClick('edit');
  return (
    <List<CareProvider>
      pagination={<ListPagination />}
      sort={{ field: 'name', order: 'ASC' }}
      filters={kiv ? [...careProviderFilters, showInactiveFilter] : careProviderFilters}
      exporter={false}
      actions={<DirectoryListActions />}
      perPage={25}
    >
      <DirectoryReadOnlyNotice />
      <DataTable<CareProvider> rowClick={rowClick} bulkActionButtons={false}>
        <Column source="name" />
        <Column source="hsaId" sx={noWrap} />
        <Column source="kind" field={CareProviderKindField} />
        {kiv && directoryActiveColumn}
      </DataTable>
    </List>
  );
}
