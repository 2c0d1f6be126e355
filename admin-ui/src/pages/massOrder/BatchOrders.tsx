import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useState } from 'react';
import { Link, useTranslate } from 'react-admin';
import { orderRoutes } from '../../orders/routes';
import { Pager } from './Pager';
import type { BatchOrder } from './types';

const PAGE_SIZES = [25, 100, 500];

/** Every order of the batch: number (to open it), end user, type and status; paged for a thousand. */
export const BatchOrders = ({ orders }: { orders: BatchOrder[] }) => {
  const translate = useTranslate();
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PAGE_SIZES[0]);
  const rows = orders.slice((page - 1) * perPage, page * perPage);
  return (
    <>
      <Table size="small" aria-label={translate('beh.massOrder.receipt.orders')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('resources.orders.fields.orderNumber')}</TableCell>
            <TableCell>{translate('resources.orders.fields.endUserName')}</TableCell>
            <TableCell>{translate('resources.orders.fields.type')}</TableCell>
            <TableCell>{translate('resources.orders.fields.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((order) => (
            <TableRow key={order.id} data-order={order.orderNumber}>
              <TableCell>
                <Link to={orderRoutes.show(order.id)} sx={{ fontWeight: 700 }}>
                  {order.orderNumber}
                </Link>
              </TableCell>
              <TableCell>{`${order.endUserName} (${order.endUserUserId})`}</TableCell>
              <TableCell>{translate(`beh.orders.type.${order.type}`)}</TableCell>
              <TableCell>{translate(`beh.orders.status.${order.status}`)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {orders.length > PAGE_SIZES[0] && (
        <Pager
          total={orders.length}
          page={page}
          perPage={perPage}
          sizes={PAGE_SIZES}
          onPage={setPage}
          onPerPage={(size) => {
            setPerPage(size);
            setPage(1);
          }}
        />
      )}
    </>
  );
};
