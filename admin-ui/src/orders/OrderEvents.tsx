import { Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import type { OrderDetail } from './types';

/** "Händelser": the order's own audit events, oldest first. */
export const OrderEvents = () => {
  const order = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  if (!order?.events) return null;
  const { events } = order;
  if (events.length === 0) return <Typography variant="body2">{translate('beh.orders.noEvents')}</Typography>;
  return (
    <Table size="small" aria-label={translate('beh.orders.events')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('beh.orders.event.at')}</TableCell>
          <TableCell>{translate('beh.orders.event.actor')}</TableCell>
          <TableCell>{translate('beh.orders.event.action')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {events.map((event, index) => (
          <TableRow key={`${event.at}-${index}`}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTimestamp(event.at)}</TableCell>
            <TableCell>{event.actorName ?? translate('beh.orders.event.system')}</TableCell>
            <TableCell>{translate(`beh.orders.eventAction.${event.action}`, { _: event.action })}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
