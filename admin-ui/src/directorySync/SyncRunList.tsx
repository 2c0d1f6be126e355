import Alert from '@mui/material/Alert';
import { useEffect } from 'react';
import {
  DataTable,
  List,
  NumberField,
  SelectInput,
  TopToolbar,
  useListContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { ListPagination } from '../common/ListPagination';
import { TimestampField } from '../outbox/fields';
import { SyncKindField, SyncProblemsField, SyncStatusField } from './fields';
import { useDirectoryReadOnly } from './readOnly';
import { SyncNowButton } from './SyncNowButton';
import { SYNC_STATUSES, type SyncRun } from './types';

const Column = DataTable.Col<SyncRun>;

const filters = [
  <SelectInput
    key="status"
    source="status"
    choices={SYNC_STATUSES.map((id) => ({ id, name: `beh.directorySync.status.${id}` }))}
  />,
];

/** While a run is going, the list looks again every two seconds. */
const RefreshWhileRunning = () => {
  const { data } = useListContext<SyncRun>();
  const refresh = useRefresh();
  const running = data?.some((run) => run.status === 'RUNNING') ?? false;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(refresh, 2000);
    return () => clearInterval(timer);
  }, [running, refresh]);
  return null;
};

const EmbeddedNotice = () => {
  const ldap = useDirectoryReadOnly();
  const translate = useTranslate();
  return ldap ? null : (
    <Alert severity="info" sx={{ m: 1 }}>
      {translate('beh.directorySync.embedded')}
    </Alert>
  );
};

/**
 * "Katalogsynkningar" for administrators: each sync from KIV with its counts (lästa, nya, ändrade,
 * inaktiverade) and what it could not use, newest first, and "Synka nu".
 */
export default function SyncRunList() {
  return (
    <List<SyncRun>
      pagination={<ListPagination />}
      sort={{ field: 'startedAt', order: 'DESC' }}
      filters={filters}
      actions={
        <TopToolbar>
          <SyncNowButton />
        </TopToolbar>
      }
      exporter={false}
      perPage={25}
      // Not react-admin's empty page, which has no toolbar: before the first run "Synka nu" is
      // what the administrator needs.
      empty={false}
    >
      <EmbeddedNotice />
      <RefreshWhileRunning />
      <DataTable<SyncRun> rowClick="show" bulkActionButtons={false}>
        <Column source="startedAt">
          <TimestampField source="startedAt" />
        </Column>
        <Column source="finishedAt" disableSort>
          <TimestampField source="finishedAt" />
        </Column>
        <Column source="kind" disableSort>
          <SyncKindField />
        </Column>
        <Column source="status" disableSort>
          <SyncStatusField />
        </Column>
        <Column source="readCount" field={NumberField} disableSort />
        <Column source="createdCount" field={NumberField} disableSort />
        <Column source="changedCount" field={NumberField} disableSort />
        <Column source="inactivatedCount" field={NumberField} disableSort />
        <Column source="errorCount" disableSort>
          <SyncProblemsField />
        </Column>
      </DataTable>
    </List>
  );
}
