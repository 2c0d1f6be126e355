import { DataTable, DateField, DeleteButton, List, TextField } from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';
import type { Auditor } from './types';

const filters = [<SearchFilter key="q" source="q" alwaysOn hint="beh.auditors.searchHint" />];

const Column = DataTable.Col<Auditor>;

/**
 * "Revisorer": who reads orders, holdings, delegations and the audit log of the whole region and
 * changes nothing; kept by administrators.
 */
export default function AuditorList() {
  return (
    <List<Auditor>
      pagination={<ListPagination />}
      sort={{ field: 'personName', order: 'ASC' }}
      filters={filters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<Auditor> rowClick={false} bulkActionButtons={false}>
        <Column source="personName" />
        <Column source="personUserId" disableSort />
        <Column source="personHsaId" disableSort />
        <Column source="assignedByName" disableSort field={TextField} />
        <Column source="assignedAt">
          <DateField source="assignedAt" />
        </Column>
        <Column label="" disableSort>
          <DeleteButton mutationMode="pessimistic" />
        </Column>
      </DataTable>
    </List>
  );
}
