import { Alert, AlertTitle, Stack } from '@mui/material';
import { Link, useTranslate } from 'react-admin';
import { orderRoutes } from '../orders/routes';
import { attestRoutes } from './routes';
import type { SignedDecision } from './types';

/** After "Beställningen signerades": what became of the order (Attesterad / Avslagen / Avslutad) and the way on. */
export const AttestResult = ({ outcome }: { outcome: SignedDecision }) => {
  const translate = useTranslate();
  return (
    <Alert severity={outcome.decision === 'APPROVE' ? 'success' : 'info'} role="status" sx={{ my: 2 }}>
      <AlertTitle>{translate(`beh.attest.result.title.${outcome.decision}`)}</AlertTitle>
      {outcome.orders.map((order) => (
        <div key={order.id} data-testid="attest-result">
          {translate('beh.attest.result.order', {
            orderNumber: order.orderNumber,
            status: translate(`beh.orders.status.${order.status}`),
          })}
        </div>
      ))}
      <Stack direction="row" spacing={3} sx={{ mt: 1 }}>
        <Link to={attestRoutes.queue}>{translate('beh.attest.backToQueue')}</Link>
        {outcome.orders[0] && (
          <Link to={orderRoutes.show(outcome.orders[0].id)}>{translate('beh.attest.result.showOrder')}</Link>
        )}
      </Stack>
    </Alert>
  );
};
