import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import { useState } from 'react';
import { Button, type Identifier, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { errorMessage } from '../common/problem';
import { ChangeAttestantDialog } from './ChangeAttestantDialog';
import type { OrderDetail } from './types';
import { useOrderApi } from './useOrderApi';

/** Offered only when the server says so: the orderer, while the order awaits attest. */
export const ChangeAttestantButton = () => {
  const order = useRecordContext<OrderDetail>();
  const api = useOrderApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!order?.canChangeAttestant) return null;

  const change = async (attestantId: Identifier) => {
    setSaving(true);
    setError(null);
    try {
      await api.changeAttestant(order.id, attestantId);
      setOpen(false);
      notify('beh.orders.notifications.attestantChanged', { type: 'info' });
      refresh();
    } catch (failure) {
      setError(translate(errorMessage(failure)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Button label="beh.orders.changeAttestant.button" onClick={() => setOpen(true)}>
        <SwapHorizIcon />
      </Button>
      {open && (
        <ChangeAttestantDialog
          order={order}
          saving={saving}
          error={error}
          onOk={(attestantId) => void change(attestantId)}
          onClose={() => {
            setOpen(false);
            setError(null);
          }}
        />
      )}
    </>
  );
};
