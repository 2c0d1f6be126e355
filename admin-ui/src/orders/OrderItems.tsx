import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { LineWarnings } from './LineWarnings';
import type { OrderDetail } from './types';

/** "Beställda behörigheter": each assignment and what became of it (Uppgifter). */
export const OrderItems = () => {
  const order = useRecordContext<OrderDetail>();
  const translate = useTranslate();
  // Opened from the list, the list's record stands in until the detail arrives: it has no items yet.
  if (!order?.items) return null;
  return (
    <Table size="small" aria-label={translate('beh.orders.items')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('beh.orders.item.assignment')}</TableCell>
          <TableCell>{translate('beh.orders.item.purpose')}</TableCell>
          <TableCell>{translate('beh.orders.item.status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {order.items.map((item) => (
          <TableRow key={item.id}>
            <TableCell>
              {item.assignmentName} – {item.careUnitName}
              <LineWarnings warnings={item.warnings} />
            </TableCell>
            <TableCell>{translate(`beh.purpose.${item.purpose}`)}</TableCell>
            <TableCell>{translate(`beh.orders.itemStatus.${item.status}`)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
