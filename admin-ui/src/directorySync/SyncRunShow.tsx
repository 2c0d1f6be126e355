import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import {
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { formatTimestamp } from '../common/dates';
import { TimestampField } from '../outbox/fields';
import { SyncKindField, SyncStatusField } from './fields';
import type { SyncRun } from './types';

/** The entries the run could not use: DN and why (the first 1,000). */
const SyncErrorsTable = (_: { source?: string }) => {
  const run = useRecordContext<SyncRun>();
  const translate = useTranslate();
  if (!run) return null;
  if (run.errors.length === 0) return <span>{translate('beh.directorySync.noErrors')}</span>;
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{translate('resources.directory-sync-runs.fields.dn')}</TableCell>
          <TableCell>{translate('resources.directory-sync-runs.fields.message')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {run.errors.map((error, i) => (
          <TableRow key={i}>
            <TableCell sx={{ wordBreak: 'break-all' }}>{error.dn}</TableCell>
            <TableCell>{error.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

/** "Katalogsynkning 2026-12-05 10:17:07", not the run's id. */
const Title = () => {
  const run = useRecordContext<SyncRun>();
  const translate = useTranslate();
  return (
    <>
      {translate('resources.directory-sync-runs.name', { smart_count: 1 })}
      {run ? ` ${formatTimestamp(run.startedAt)}` : ''}
    </>
  );
};

/** "Ändringar sedan": only an incremental run has it; "–" for a full one. */
const SinceField = (_: { label?: string }) => {
  const run = useRecordContext<SyncRun>();
  const translate = useTranslate();
  if (!run) return null;
  return run.since ? <TimestampField source="since" /> : <span>{translate('beh.empty')}</span>;
};

/**
 * The values written here as plain spans (a timestamp, a translated text) read in the size of
 * react-admin's own fields (body2), not the page's body1; the labels keep their size.
 */
const FIELD_TEXT = {
  '& .ra-field': { typography: 'body2' },
  // The label's own 0.75em, of the page's size as before.
  '& .ra-field .RaLabeled-label': { fontSize: '0.75rem' },
};

/** One sync run: its counts, and every entry it could not use (DN and why), or why it failed. */
export default function SyncRunShow() {
  return (
    <Show<SyncRun> title={<Title />}>
      <SimpleShowLayout sx={FIELD_TEXT}>
        <Labeled source="startedAt">
          <TimestampField source="startedAt" />
        </Labeled>
        <Labeled source="finishedAt">
          <TimestampField source="finishedAt" />
        </Labeled>
        <Labeled source="kind">
          <SyncKindField />
        </Labeled>
        <Labeled source="status">
          <SyncStatusField />
        </Labeled>
        <Labeled source="since">
          <SinceField />
        </Labeled>
        <NumberField source="readCount" />
        <NumberField source="createdCount" />
        <NumberField source="changedCount" />
        <NumberField source="inactivatedCount" />
        <NumberField source="errorCount" />
        <TextField source="error" emptyText="beh.empty" />
        <Labeled source="errors">
          <SyncErrorsTable />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
