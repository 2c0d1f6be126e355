import { Alert, Button, Stack, Typography } from '@mui/material';
import { useEffect, useRef } from 'react';
import { Link, useLogout, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { orderRoutes } from '../../orders/routes';
import type { PlacedOrder } from '../../orders/types';

interface Props {
  placed: PlacedOrder[];
  onNewOrder: () => void;
  /** Before "Logga ut": what the tab keeps of the order goes too. */
  onSignOut: () => void;
}

/**
 * "Din beställning är nu skapad. Ditt ordernummer är BEH…": every order the send created, and
 * "Ny beställning", "Tidigare beställningar" and "Logga ut" as in the seed. Focus moves to the
 * order number, so it is read out at once.
 */
export const Receipt = ({ placed, onNewOrder, onSignOut }: Props) => {
  const translate = useTranslate();
  const logout = useLogout();
  const numbers = useRef<HTMLParagraphElement>(null);
  useEffect(() => numbers.current?.focus(), []);
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
          {translate('beh.wizard.receipt.perUnit')}{' '}
          {placed.map((order) => `${order.orderNumber} (${order.careUnitName})`).join(', ')}
        </Typography>
      )}
      <Typography variant="body2" sx={{ mt: 2 }}>
        {translate('beh.wizard.receipt.next')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ mt: 4 }}>
        <Button variant="contained" onClick={onNewOrder}>
          {translate('beh.wizard.receipt.newOrder')}
        </Button>
        <Button variant="outlined" component={RouterLink} to={orderRoutes.mine}>
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
