import { Alert, Box } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import { StatusChip } from '../common/StatusChip';
import { OrderStatusField, orderPerson } from './fields';
import { LabeledValue, LabeledValues } from './LabeledValue';
import { WarningsSummary } from './LineWarnings';
import type { OrderDetail } from './types';

/** An access order (issue 14) names its verksamhet and område where a VMU order names its unit. */
type AnyOrderDetail = OrderDetail & {
  kind?: 'VMU' | 'ACCESS';
  accessOperationName?: string | null;
  areaName?: string | null;
};

const field = (name: string) => `resources.orders.fields.${name}`;

/** The order's fields as on the seeds' order page, from Slutanvändare to Område. */
export const OrderSummary = () => {
  const order = useRecordContext<AnyOrderDetail>();
  const translate = useTranslate();
  if (!order) return null;
  const access = order.kind === 'ACCESS';
  // Opened from the list, the list's record stands in until the detail (with the comment) arrives.
  const detailed = order.items !== undefined;
  return (
    <Box sx={{ p: 2 }}>
      <LabeledValues min={200}>
        <LabeledValue label={field('endUserName')}>{orderPerson(order, 'endUser')}</LabeledValue>
        <LabeledValue label={field('ordererName')}>{orderPerson(order, 'orderer')}</LabeledValue>
        <LabeledValue label={field('createdAt')}>{formatTimestamp(order.createdAt)}</LabeledValue>
        <LabeledValue label={field('status')}>
          <OrderStatusField />
        </LabeledValue>
        <LabeledValue label={field('type')}>{translate(`beh.orders.type.${order.type}`)}</LabeledValue>
        {!access && (
          <LabeledValue label={field('administrationName')}>{order.administrationName}</LabeledValue>
        )}
        <LabeledValue label={order.type === 'REVOKE' ? 'beh.orders.endsOn' : field('startDate')}>
          {order.startDate}
        </LabeledValue>
        <LabeledValue label={field('urgent')}>
          {translate(order.urgent ? 'ra.boolean.true' : 'ra.boolean.false')}
        </LabeledValue>
        <LabeledValue label={field('attestantName')}>
          {orderPerson(order, 'attestant')}
          {detailed && order.orderedByAttestant && (
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              <StatusChip tone="warning" label={translate('beh.orders.orderedByAttestant')} />
            </Box>
          )}
        </LabeledValue>
        {access ? (
          <>
            <LabeledValue label="beh.accessOrders.area">{order.areaName}</LabeledValue>
            <LabeledValue label="beh.accessOrders.operation">{order.accessOperationName}</LabeledValue>
          </>
        ) : (
          <LabeledValue label={field('careUnitName')}>{order.careUnitName}</LabeledValue>
        )}
        {detailed && (
          <LabeledValue label={field('comment')} wide>
            {order.comment}
          </LabeledValue>
        )}
      </LabeledValues>
      {detailed && <WarningsSummary items={order.items} />}
      {order.rejectComment && (
        <Alert severity="error" sx={{ mt: 2 }}>
          {translate('resources.orders.fields.rejectComment')}: {order.rejectComment}
        </Alert>
      )}
      {order.feedback && (
        <Alert severity="success" sx={{ mt: 2 }}>
          {translate('resources.orders.fields.feedback')}: {order.feedback}
        </Alert>
      )}
    </Box>
  );
};
