import { Alert, Button, Stack, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { Link, useLogout, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { orderRoutes } from '../../orders/routes';

/** An order of the send: a VMU one names its care unit, an access one (issue 14) its verksamhet. */
export interface ReceiptOrder {
  id: string;
  orderNumber: string;
  careUnitName: string | null;
  accessOperationName?: string | null;
}

interface Props {
  placed: ReceiptOrder[];
  /** "Tidigare beställningar": the VMU list unless the wizard names its own. */
  historyTo?: string;
  onNewOrder: () => void;
  /** Before "Logga ut": what the tab keeps of the order goes too. */
  onSignOut: () => void;
}

/**
 * "Din beställning är nu skapad. Ditt ordernummer är BEH…": every order the send created, and
 * "Ny beställning", "Tidigare beställningar" and "Logga ut" as in the seed. Focus moves to the
 * order number, so it is read out at once.
 */
export const Receipt = ({ placed, historyTo = orderRoutes.mine, onNewOrder, onSignOut }: Props) => {
  const translate = useTranslate();
  const logout = useLogout();
  const numbers = useRef<HTMLParagraphElement>(null);
  useEffect(() => numbers.current?.focus(), []);
  const withOperations = placed.some((order) => Boolean(order.accessOperationName));
  return (
    <>
      <Alert severity="success" role="status" sx={{ maxWidth: 900 }}>
        <Typography sx={{ fontWeight: 500 }}>{translate('beh.wizard.receipt.created')}</Typography>
        <Typography ref={numbers} tabIndex={-1} id="receipt-order-numbers" data-order-numbers>
          {translate('beh.wizard.receipt.numbers', { smart_count: placed.length })}{' '}
          {placed.map((order, index) => (
            <span key={order.id}>
              {index > 0 && ', '}
              <Link to={orderRoutes.show(order.id)} sx={{ fontWeight: 700 }}>
                {order.orderNumber}
              </Link>
            </span>
          ))}
        </Typography>
      </Alert>
      {placed.length > 1 && (
        <Typography variant="body2" sx={{ mt: 2 }}>
          {translate(withOperations ? 'beh.accessOrders.receipt.perGroup' : 'beh.wizard.receipt.perUnit')}{' '}
          {placed
            .map((order) => `${order.orderNumber} (${order.careUnitName ?? order.accessOperationName ?? ''})`)
            .join(', ')}
        </Typography>
      )}
      <Typography variant="body2" sx={{ mt: 2 }}>
        {translate('beh.wizard.receipt.next')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ mt: 4 }}>
        <Button variant="contained" onClick={onNewOrder}>
          {translate('beh.wizard.receipt.newOrder')}
        </Button>
        <Button variant="outlined" component={RouterLink} to={historyTo}>
          {translate('beh.wizard.receipt.history')}
        </Button>
        <Button
          variant="outlined"
          onClick={() => {
            onSignOut();
            void logout();
          }}
        >
          {translate('ra.auth.logout')}
        </Button>
      </Stack>
    </>
  );
};
