import { Checkbox, TableCell, TableRow } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { QUEUE_COLUMNS } from './queueColumns';
import { attestRoutes } from './routes';
import type { QueueOrder } from './types';

/** One order: a click opens its attest page; the checkbox ticks it for "Godkänn/Avslå markerade". */
export const QueueOrderRow = ({ order, nested = false }: { order: QueueOrder; nested?: boolean }) => {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { selectedIds, onToggleItem } = useListContext<QueueOrder>();
  const selected = selectedIds.includes(order.id);
  return (
    <TableRow
      hover
      selected={selected}
      onClick={() => navigate(attestRoutes.order(order.id))}
      sx={{ cursor: 'pointer', ...(nested && { '&& > td:nth-of-type(2)': { pl: 4 } }) }}
      data-order-number={order.orderNumber}
    >
      <TableCell padding="checkbox" onClick={(event) => event.stopPropagation()}>
        <Checkbox
          checked={selected}
          onChange={() => onToggleItem(order.id)}
          slotProps={{
            input: {
              'aria-label': translate('beh.attest.queue.selectOrder', { orderNumber: order.orderNumber }),
            },
          }}
        />
      </TableCell>
      {QUEUE_COLUMNS.map((column) => (
        <TableCell key={column.source}>{column.render(order, translate)}</TableCell>
      ))}
    </TableRow>
  );
};
