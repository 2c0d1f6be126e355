import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import { Button, Confirm, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { errorMessage } from '../common/problem';
import type { OrderDetail } from './types';
import { useOrderApi } from './useOrderApi';

/** "Makulera": the orderer withdraws an order that still awaits attest, after a confirmation. */
export const CancelOrderButton = () => {
  const order = useRecordContext<OrderDetail>();
  const api = useOrderApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  if (!order?.canCancel) return null;

  const cancel = async () => {
    setCancelling(true);
    try {
      await api.cancelOrder(order.id);
      notify('beh.orders.notifications.cancelled', { type: 'info' });
      refresh();
    } catch (error) {
      notify(errorMessage(error), { type: 'error' });
    } finally {
      setCancelling(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label="beh.orders.cancel.button" color="error" onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={cancelling}
        title="beh.orders.cancel.title"
        content="beh.orders.cancel.content"
        translateOptions={{ orderNumber: order.orderNumber }}
        confirm="beh.orders.cancel.button"
        cancel="beh.orders.cancel.keep"
        confirmColor="warning"
        onConfirm={() => void cancel()}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
