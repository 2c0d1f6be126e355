import { DataTable, List, NumberField, SelectInput, TextField } from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { SearchFilter } from '../common/SearchFilter';
import { TimestampField } from '../outbox/fields';
import {
  AssignmentAtUnitField,
  LdapWriteOrderField,
  LdapWriteStatusField,
  LdapWriteWhatField,
} from './fields';
import { RetryLdapWriteButton } from './RetryLdapWriteButton';
import { LDAP_WRITE_STATUSES, type LdapWrite } from './types';

const Column = DataTable.Col<LdapWrite>;

const statusChoices = LDAP_WRITE_STATUSES.map((id) => ({ id, name: `beh.ldapWrites.status.${id}` }));

const filters = [
  <SearchFilter key="q" source="q" hint="beh.ldapWrites.searchHint" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
];

/**
 * "KIV-skrivningar" for administrators: each carried-out assignment written back to KIV's
 * hsaCommissionMember, above all those that kept failing (Misslyckad, with the LDAP error),
 * which can be tried again; the order waits for its writes before it is Avslutad.
 */
export default function LdapWriteList() {
  return (
    <List<LdapWrite>
      pagination={<ListPagination />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      filters={filters}
      filterDefaultValues={{ status: 'FAILED' }}
      exporter={false}
      perPage={25}
    >
      <DataTable<LdapWrite> rowClick="show" bulkActionButtons={false}>
        <Column source="createdAt">
          <TimestampField source="createdAt" />
        </Column>
        <Column source="personName" field={TextField} disableSort />
        <Column source="assignmentName" disableSort>
          <AssignmentAtUnitField />
        </Column>
        <Column source="operation" disableSort>
          <LdapWriteWhatField />
        </Column>
        <Column source="orderId" disableSort>
          <LdapWriteOrderField />
        </Column>
        <Column source="status">
          <LdapWriteStatusField />
        </Column>
        <Column source="attempts" field={NumberField} />
        <Column source="lastError" field={TextField} disableSort />
        <Column label="beh.ldapWrites.actions" disableSort>
          <RetryLdapWriteButton />
        </Column>
      </DataTable>
    </List>
  );
}
