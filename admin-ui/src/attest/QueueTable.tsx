import {
  Checkbox,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
} from '@mui/material';
import type { Identifier } from 'react-admin';
import { useGetList, useListContext, useTranslate } from 'react-admin';
import { BATCHES_RESOURCE } from './api';
import { groupByBatch } from './grouping';
import { QueueBatchRows } from './QueueBatchRows';
import { QUEUE_COLUMNS } from './queueColumns';
import { QueueOrderRow } from './QueueOrderRow';
import type { QueueBatch, QueueOrder } from './types';

const SortHeader = ({ source, sortable }: { source: string; sortable: boolean }) => {
  const translate = useTranslate();
  const { sort, setSort } = useListContext();
  const label = translate(`beh.attest.column.${source}`);
  if (!sortable) return <TableCell>{label}</TableCell>;
  const active = sort.field === source;
  const direction = active && sort.order === 'ASC' ? 'asc' : 'desc';
  // The cell's aria-sort tells screen readers the order.
  return (
    <TableCell sortDirection={active ? direction : false}>
      <TableSortLabel
        active={active}
        direction={direction}
        onClick={() => setSort({ field: source, order: active && sort.order === 'DESC' ? 'ASC' : 'DESC' })}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
};

/** The batches behind the page's rows, for their size and all their order ids (also those on other pages). */
function useBatchesOf(orders: readonly QueueOrder[]): Map<Identifier, QueueBatch> {
  const enabled = orders.some((order) => order.batchId);
  const { data } = useGetList<QueueBatch>(
    BATCHES_RESOURCE,
    { pagination: { page: 1, perPage: 100 }, sort: { field: 'createdAt', order: 'DESC' } },
    { enabled },
  );
  return new Map((data ?? []).map((batch) => [batch.id, batch]));
}

/** The queue as a table of its own: rows of a mass-order batch gather under one row that expands. */
export const QueueTable = () => {
  const translate = useTranslate();
  const { data, isPending, selectedIds, onSelect } = useListContext<QueueOrder>();
  const orders = data ?? [];
  const batches = useBatchesOf(orders);
  const pageIds = orders.map((order) => order.id);
  const selected = new Set<Identifier>(selectedIds);
  const selectedOnPage = pageIds.filter((id) => selected.has(id)).length;
  const toggleAll = () =>
    onSelect(
      selectedOnPage === pageIds.length
        ? selectedIds.filter((id) => !pageIds.includes(id))
        : [...new Set([...selectedIds, ...pageIds])],
    );
  return (
    <TableContainer>
      {/* Narrower cell padding than MUI's 16 px: at 1366 px, with the menu open, every column and
          Akut fit without scrolling sideways (issue 13, point 5); long texts wrap within their cell. */}
      <Table
        size="small"
        aria-label={translate('beh.attest.queue.title')}
        sx={{ '& .MuiTableCell-root:not(.MuiTableCell-paddingCheckbox)': { px: 1 } }}
      >
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              <Checkbox
                checked={pageIds.length > 0 && selectedOnPage === pageIds.length}
                indeterminate={selectedOnPage > 0 && selectedOnPage < pageIds.length}
                disabled={pageIds.length === 0}
                onChange={toggleAll}
                slotProps={{ input: { 'aria-label': translate('beh.attest.queue.selectPage') } }}
              />
            </TableCell>
            {QUEUE_COLUMNS.map((column) => (
              <SortHeader key={column.source} source={column.source} sortable={column.sortable} />
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {!isPending && orders.length === 0 && (
            <TableRow>
              <TableCell colSpan={QUEUE_COLUMNS.length + 1} sx={{ py: 3 }}>
                {translate('beh.attest.queue.empty')}
              </TableCell>
            </TableRow>
          )}
          {groupByBatch(orders).map((row) =>
            row.kind === 'order' ? (
              <QueueOrderRow key={row.order.id} order={row.order} />
            ) : (
              <QueueBatchRows
                key={row.batchId}
                batchId={row.batchId}
                orders={row.orders}
                batch={batches.get(row.batchId)}
              />
            ),
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
};
