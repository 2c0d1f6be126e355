import { useRecordContext, useTranslate } from 'react-admin';
import { StatusChip, type StatusTone } from '../common/StatusChip';
import type { SyncRun, SyncStatus } from './types';

const TONES: Record<SyncStatus, StatusTone> = { RUNNING: 'info', DONE: 'success', FAILED: 'error' };

export const SyncStatusField = (_: { label?: string }) => {
  const run = useRecordContext<SyncRun>();
  const translate = useTranslate();
  if (!run) return null;
  return <StatusChip tone={TONES[run.status]} label={translate(`beh.directorySync.status.${run.status}`)} />;
};

export const SyncKindField = (_: { label?: string }) => {
  const run = useRecordContext<SyncRun>();
  const translate = useTranslate();
  if (!run) return null;
  return (
    <span>
      {translate(`beh.directorySync.kind.${run.kind}`)}
      {' · '}
      {run.trigger === 'MANUAL' && run.requestedByName
        ? translate('beh.directorySync.byPerson', { name: run.requestedByName })
        : translate(`beh.directorySync.trigger.${run.trigger}`)}
    </span>
  );
};

/** The run's failure, or how many entries it could not use. */
export const SyncProblemsField = (_: { label?: string }) => {
  const run = useRecordContext<SyncRun>();
  const translate = useTranslate();
  if (!run) return null;
  if (run.error) return <span>{run.error}</span>;
  if (run.errorCount === 0) return <span>{translate('beh.directorySync.noErrors')}</span>;
  return <span>{translate('beh.directorySync.errorCount', { smart_count: run.errorCount })}</span>;
};
