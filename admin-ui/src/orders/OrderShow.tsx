import { Box, Divider, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { ListButton, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { AccessOrderItems } from '../accessOrders/AccessOrderItems';
import { VerifySignatureButton } from '../attest/VerifySignatureButton';
import { CancelOrderButton } from './CancelOrderButton';
import { ChangeAttestantButton } from './ChangeAttestantButton';
import { OrderEvents } from './OrderEvents';
import { OrderItems } from './OrderItems';
import { OrderSummary } from './OrderSummary';
import type { OrderDetail } from './types';

const OrderShowActions = () => (
  <TopToolbar>
    <ListButton label="beh.orders.backToList" />
    <ChangeAttestantButton />
    <CancelOrderButton />
    <VerifySignatureButton />
  </TopToolbar>
);

/** The page title is the order number, "BEH5648820", as in the seeds. */
const OrderTitle = () => {
  const order = useRecordContext<OrderDetail>();
  return <>{order?.orderNumber ?? ''}</>;
};

const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box component="section" aria-labelledby={id} sx={{ px: 2, pb: 2 }}>
      <Divider sx={{ mb: 2 }} />
      <Typography id={id} variant="h6" component="h2" gutterBottom>
        {translate(title)}
      </Typography>
      {children}
    </Box>
  );
};

/** An access order's lines are templates, each with its systems' parts (issue 14). */
const Items = () => {
  const order = useRecordContext<OrderDetail & { kind?: string }>();
  return order?.kind === 'ACCESS' ? <AccessOrderItems /> : <OrderItems />;
};

export default function OrderShow() {
  return (
    <Show<OrderDetail> title={<OrderTitle />} actions={<OrderShowActions />}>
      <OrderSummary />
      <Section id="order-items" title="beh.orders.items">
        <Items />
      </Section>
      <Section id="order-events" title="beh.orders.events">
        <OrderEvents />
      </Section>
    </Show>
  );
}
