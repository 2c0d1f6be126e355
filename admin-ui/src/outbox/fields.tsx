import { StatusChip, type StatusTone } from '../common/StatusChip';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import type { MailStatus } from './types';

interface FieldProps {
  source: string;
  label?: string;
}

/** An instant as `2026-06-02 14:11:50`, Stockholm time; nothing when there is none. */
export const TimestampField = ({ source }: FieldProps) => {
  const record = useRecordContext();
  const value: unknown = record?.[source];
  if (typeof value !== 'string' || value === '') return null;
  return <span style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(value)}</span>;
};

const STATUS_TONES: Record<MailStatus, StatusTone> = {
  PENDING: 'warning',
  SENT: 'success',
  FAILED: 'error',
};

export const MailStatusField = (_: FieldProps) => {
  const record = useRecordContext<{ id: string; status: MailStatus }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <StatusChip tone={STATUS_TONES[record.status]} label={translate(`beh.outbox.status.${record.status}`)} />
  );
};
