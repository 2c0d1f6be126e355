import { DataTable, List, NumberField, SelectInput, TextField } from 'react-admin';
import { SearchFilter } from '../common/SearchFilter';
import { ServerExportActions } from '../common/ServerExport';
import { MailStatusField, TimestampField } from './fields';
import { MAIL_STATUSES, type OutboxMail } from './types';
import { ListPagination } from '../common/ListPagination';

const Column = DataTable.Col<OutboxMail>;

const statusChoices = MAIL_STATUSES.map((id) => ({ id, name: `beh.outbox.status.${id}` }));

const outboxFilters = [
  <SearchFilter key="q" source="q" hint="beh.outbox.searchHint" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
];

/** "Utgående e-post" for administrators: what was sent, what waits for another try, and why. */
export default function OutboxList() {
  return (
    <List<OutboxMail>
      pagination={<ListPagination />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={outboxFilters}
      exporter={false}
      actions={<ServerExportActions />}
      perPage={25}
    >
      <DataTable<OutboxMail> rowClick="show" bulkActionButtons={false}>
        <Column source="createdAt">
          <TimestampField source="createdAt" />
        </Column>
        <Column source="to" field={TextField} />
        <Column source="subject" field={TextField} />
        <Column source="status">
          <MailStatusField source="status" />
        </Column>
        <Column source="attempts" field={NumberField} />
        <Column source="sentAt">
          <TimestampField source="sentAt" />
        </Column>
      </DataTable>
    </List>
  );
}
