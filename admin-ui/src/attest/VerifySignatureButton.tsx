import VerifiedIcon from '@mui/icons-material/Verified';
import { useState } from 'react';
import { Button, useRecordContext } from 'react-admin';
import type { OrderDetail, OrderStatus } from '../orders/types';
import { VerifySignatureDialog } from './VerifySignatureDialog';

/** Orders decided by a signed attest; a cancelled or waiting order has no signature to verify. */
const DECIDED: readonly OrderStatus[] = ['APPROVED', 'COMPLETED', 'REJECTED'];

/** "Verifiera signatur" on the order view: checks the stored signature again, from stored data. */
export const VerifySignatureButton = () => {
  const order = useRecordContext<OrderDetail>();
  const [open, setOpen] = useState(false);
  if (!order || !DECIDED.includes(order.status)) return null;
  return (
    <>
      <Button label="beh.attest.verify.button" onClick={() => setOpen(true)}>
        <VerifiedIcon />
      </Button>
      {open && <VerifySignatureDialog orderId={order.id} onClose={() => setOpen(false)} />}
    </>
  );
};
