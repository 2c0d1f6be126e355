import { Alert, Card, CardContent, Typography } from '@mui/material';
import { useCallback } from 'react';
import { Link, Loading, Title, useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { isNotFound, problemMessages } from '../common/problem';
import { useLoaded } from '../orders/useLoaded';
import { AttestNotFound } from './AttestNotFound';
import { AttestOrderForm } from './AttestOrderForm';
import { attestRoutes } from './routes';
import { useAttestApi } from './useAttestApi';

/**
 * "Attest av beställning BEH…", where the attestant's mail link leads (`#/attest/<orderId>`). The
 * server shows the order to its attestant alone, and only while it awaits attest; to anyone else
 * the page says "not found" and nothing more.
 */
export default function AttestOrderPage() {
  const translate = useTranslate();
  const { id = '' } = useParams<'id'>();
  const api = useAttestApi();
  const load = useCallback(() => api.getAttestOrder(id), [api, id]);
  const loaded = useLoaded(load);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    if (isNotFound(loaded.error)) return <AttestNotFound />;
    return (
      <Alert severity="error" sx={{ mt: 2 }} role="alert">
        {problemMessages(loaded.error).map((message) => translate(message, { _: message }))}{' '}
        <Link to={attestRoutes.queue}>{translate('beh.attest.backToQueue')}</Link>
      </Alert>
    );
  }
  const order = loaded.value;
  const title = translate('beh.attest.order.title', { orderNumber: order.orderNumber });
  return (
    <Card component="article" sx={{ mt: 2 }}>
      <Title title={title} />
      <CardContent sx={{ p: { xs: 2, md: 3 } }}>
        <Typography variant="h4" component="h1" sx={{ mb: 3 }}>
          {title}
        </Typography>
        {/* A new order's page starts afresh: no ticks or comment carried over from the last one. */}
        <AttestOrderForm key={order.id} order={order} />
      </CardContent>
    </Card>
  );
}
