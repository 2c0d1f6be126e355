import { Box, Tooltip } from '@mui/material';
import { StatusChip, type StatusTone } from '../common/StatusChip';
import { visuallyHidden } from '../attest/visuallyHidden';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import type { Order, OrderStatus } from './types';

// Fields read the record from context; `source` and `label` are for the grid's header and sorting.
interface FieldProps {
  source?: string;
  label?: string;
}

const STATUS_TONES: Record<OrderStatus, StatusTone> = {
  AWAITING_ATTEST: 'warning',
  APPROVED: 'info',
  COMPLETED: 'success',
  REJECTED: 'error',
  CANCELLED: 'neutral',
};

/** "Beställd": `2026-06-02 14:11:50`, Stockholm time. */
export const OrderedAtField = (_: FieldProps) => {
  const record = useRecordContext<Order>();
  if (!record) return null;
  return <span style={{ whiteSpace: 'nowrap' }}>{formatTimestamp(record.createdAt)}</span>;
};

export const OrderStatusField = (_: FieldProps) => {
  const record = useRecordContext<Order>();
  const translate = useTranslate();
  if (!record) return null;
  const chip = (
    <StatusChip tone={STATUS_TONES[record.status]} label={translate(`beh.orders.status.${record.status}`)} />
  );
  if (record.status !== 'COMPLETED') return chip;
  // The seed's word "Avslutad" reads as "ended"; it means carried out: said on hover and to screen readers.
  const explanation = translate('beh.words.completed.explanation');
  return (
    <Tooltip title={explanation} describeChild>
      <span>
        {chip}
        <Box component="span" sx={visuallyHidden}>
          {` (${explanation})`}
        </Box>
      </span>
    </Tooltip>
  );
};

export const OrderTypeField = (_: FieldProps) => {
  const record = useRecordContext<Order>();
  const translate = useTranslate();
  if (!record) return null;
  return <>{translate(`beh.orders.type.${record.type}`)}</>;
};

type PersonRole = 'orderer' | 'endUser' | 'attestant';

/** "Kristina Bennhage (kribe32)", as the seeds' order lists name people. */
export const orderPerson = (order: Order, role: PersonRole): string =>
  `${order[`${role}Name`]} (${order[`${role}UserId`]})`;

export const OrderPersonField = ({ role }: FieldProps & { role: PersonRole }) => {
  const record = useRecordContext<Order>();
  if (!record) return null;
  return <>{orderPerson(record, role)}</>;
};

/** "Återkopplingsinfo": what the orderer got back when the order was carried out. */
export const FeedbackField = (_: FieldProps) => {
  const record = useRecordContext<Order>();
  if (!record?.feedback) return null;
  return <>{record.feedback}</>;
};
