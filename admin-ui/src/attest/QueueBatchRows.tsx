import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Box, Checkbox, IconButton, TableCell, TableRow } from '@mui/material';
import { useState } from 'react';
import { useListContext, useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import { QUEUE_COLUMNS } from './queueColumns';
import { QueueOrderRow } from './QueueOrderRow';
import type { QueueBatch, QueueOrder } from './types';

/**
 * A mass-order batch: one row that says what it is and how many orders it holds, and expands to
 * them. Its checkbox ticks every order of the batch (also those on other pages), so one signature
 * attests the whole batch.
 */
export const QueueBatchRows = ({
  batchId,
  orders,
  batch,
}: {
  batchId: string;
  orders: QueueOrder[];
  /** The batch as `GET /api/attest/batches` describes it, once known. */
  batch: QueueBatch | undefined;
}) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const { selectedIds, onSelect } = useListContext<QueueOrder>();
  const memberIds: string[] = batch?.orderIds ?? orders.map((order) => order.id);
  const ticked = memberIds.filter((id) => selectedIds.includes(id)).length;
  const toggle = () =>
    onSelect(
      ticked === memberIds.length
        ? selectedIds.filter((id) => !memberIds.includes(id))
        : [...new Set([...selectedIds, ...memberIds])],
    );
  const first = orders[0];
  const assignments = [...new Set(orders.flatMap((order) => order.assignmentNames))].join(', ');
  const count = batch?.orderCount ?? orders.length;
  const label = translate('beh.attest.queue.batchRow', { smart_count: count, assignments });
  return (
    <>
      <TableRow selected={ticked > 0} sx={{ bgcolor: 'action.hover' }} data-batch-id={batchId}>
        <TableCell padding="checkbox">
          <Checkbox
            checked={ticked > 0 && ticked === memberIds.length}
            indeterminate={ticked > 0 && ticked < memberIds.length}
            onChange={toggle}
            slotProps={{
              input: { 'aria-label': translate('beh.attest.queue.selectBatch', { smart_count: count }) },
            }}
          />
        </TableCell>
        <TableCell colSpan={QUEUE_COLUMNS.length}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
            <IconButton
              size="small"
              onClick={() => setOpen(!open)}
              aria-expanded={open}
              aria-label={translate(open ? 'beh.attest.queue.collapseBatch' : 'beh.attest.queue.expandBatch')}
            >
              {open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
            </IconButton>
            <strong>{label}</strong>
            {first && (
              <span>
                {translate('beh.attest.queue.batchDetails', {
                  createdAt: formatTimestamp(first.createdAt),
                  orderer: `${first.ordererName} (${first.ordererUserId})`,
                  careUnit: first.careUnitName,
                  startDate: batch?.firstStartDate ?? first.startDate,
                })}
              </span>
            )}
            {orders.length < count && (
              <span>{translate('beh.attest.queue.batchOnPage', { smart_count: orders.length })}</span>
            )}
          </Box>
        </TableCell>
      </TableRow>
      {open && orders.map((order) => <QueueOrderRow key={order.id} order={order} nested />)}
    </>
  );
};
