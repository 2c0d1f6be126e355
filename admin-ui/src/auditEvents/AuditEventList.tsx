import {
  DataTable,
  FilterButton,
  List,
  SelectInput,
  TextInput,
  TopToolbar,
  usePermissions,
} from 'react-admin';
import type { Me } from '../auth/types';
import { IsoDateInput } from '../common/IsoDateInput';
import { ServerExportButton } from '../common/ServerExport';
import { TimestampField } from '../outbox/fields';
import { ActionField, ActorField, EntityIdField, EntityTypeField, entityTypeChoices } from './fields';
import type { AuditEvent } from './types';
import { VerifyChainButton } from './VerifyChainButton';
import { ListPagination } from '../common/ListPagination';

const Column = DataTable.Col<AuditEvent>;

const auditFilters = [
  <SelectInput key="entityType" source="entityType" choices={entityTypeChoices} alwaysOn />,
  <TextInput key="entityId" source="entityId" />,
  <TextInput key="action" source="action" />,
  <IsoDateInput key="from" source="from" />,
  <IsoDateInput key="to" source="to" />,
];

/** The chain's check records a checkpoint: administrators only; an auditor reads and exports. */
const AuditEventListActions = () => {
  const { permissions: me } = usePermissions<Me>();
  return (
    <TopToolbar>
      <FilterButton />
      {me?.roles.administrator && <VerifyChainButton />}
      <ServerExportButton />
    </TopToolbar>
  );
};

/**
 * "Händelselogg" for administrators: every state change, newest first, and the chain's check.
 * It sorts by time only (the server's index order); who, what and which kind narrow it as filters.
 */
export default function AuditEventList() {
  return (
    <List<AuditEvent>
      pagination={<ListPagination />}
      sort={{ field: 'at', order: 'DESC' }}
      filters={auditFilters}
      actions={<AuditEventListActions />}
      exporter={false}
      perPage={25}
    >
      <DataTable<AuditEvent> rowClick="show" bulkActionButtons={false}>
        <Column source="at">
          <TimestampField source="at" />
        </Column>
        <Column source="actorId" disableSort>
          <ActorField />
        </Column>
        <Column source="action" disableSort>
          <ActionField />
        </Column>
        <Column source="entityType" disableSort>
          <EntityTypeField />
        </Column>
        <Column source="entityId" label="beh.words.audit.subject" disableSort>
          <EntityIdField />
        </Column>
      </DataTable>
    </List>
  );
}
