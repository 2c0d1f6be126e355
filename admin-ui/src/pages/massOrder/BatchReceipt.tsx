import { Alert, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import { errorMessage } from '../../common/problem';
import { LabeledValue, LabeledValues } from '../../orders/LabeledValue';
import { orderRoutes } from '../../orders/routes';
import { useLoaded } from '../../orders/useLoaded';
import { BatchOrders } from './BatchOrders';
import { massOrderRoutes } from './routes';
import type { PlacedBatch } from './types';
import { useMassOrderApi } from './useMassOrderApi';

/** The range "BEH0000101–BEH0000104" of a batch's numbers, which the server hands out in one run. */
const numberRange = (numbers: string[]): string => {
  const sorted = [...numbers].sort();
  return sorted.length <= 1 ? (sorted[0] ?? '') : `${sorted[0]}–${sorted[sorted.length - 1]}`;
};

interface Props {
  assignmentId: string;
  batchId: string;
  /** The send's answer, when the receipt follows the send; after a reload the batch alone tells. */
  placed?: PlacedBatch;
}

/**
 * "Din beställning är nu skapad": the batch, every order number, and where to follow them. Focus
 * moves to its heading, and the success line is a live region, so the result is read out.
 */
export const BatchReceipt = ({ assignmentId, batchId, placed }: Props) => {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const batch = useLoaded(useCallback(() => api.getBatch(batchId), [api, batchId]));
  const numbers =
    placed?.orders.map((order) => order.orderNumber) ??
    (batch.state === 'ready' ? batch.value.orders.map((order) => order.orderNumber) : []);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Box component="section" aria-labelledby="mass-receipt-heading">
      <Typography
        id="mass-receipt-heading"
        ref={heading}
        tabIndex={-1}
        variant="h5"
        component="h2"
        sx={{ mb: 2 }}
      >
        {translate('beh.wizard.stepHeading.receipt')}
      </Typography>
      <Alert severity="success" role="status" sx={{ maxWidth: 900 }}>
        <Typography sx={{ fontWeight: 500 }}>{translate('beh.wizard.receipt.created')}</Typography>
        {numbers.length > 0 && (
          <Typography>
            {translate('beh.massOrder.receipt.numbers', {
              smart_count: numbers.length,
              range: numberRange(numbers),
            })}
          </Typography>
        )}
      </Alert>
      {batch.state === 'loading' && (
        <CircularProgress size={28} sx={{ mt: 2 }} aria-label={translate('ra.page.loading')} />
      )}
      {batch.state === 'failed' && (
        <Alert severity="warning" sx={{ mt: 2 }}>
          {translate(errorMessage(batch.error))}
        </Alert>
      )}
      {batch.state === 'ready' && (
        <>
          <Box sx={{ my: 3 }}>
            <LabeledValues>
              <LabeledValue label="beh.massOrder.receipt.assignment">
                {`${batch.value.assignmentName} – ${batch.value.careUnitName}`}
              </LabeledValue>
              <LabeledValue label="beh.massOrder.receipt.counts">
                {translate('beh.massOrder.receipt.countsValue', {
                  grants: batch.value.grantCount,
                  revokes: batch.value.revokeCount,
                })}
              </LabeledValue>
              <LabeledValue label="resources.orders.fields.attestantName">
                {batch.value.attestantName}
              </LabeledValue>
              <LabeledValue label="resources.orders.fields.startDate">{batch.value.startDate}</LabeledValue>
              <LabeledValue label="resources.orders.fields.urgent">
                {translate(batch.value.urgent ? 'ra.boolean.true' : 'ra.boolean.false')}
              </LabeledValue>
              {batch.value.comment && (
                <LabeledValue label="resources.orders.fields.comment" wide>
                  {batch.value.comment}
                </LabeledValue>
              )}
            </LabeledValues>
          </Box>
          <BatchOrders orders={batch.value.orders} />
        </>
      )}
      <Typography variant="body2" sx={{ mt: 2 }}>
        {translate('beh.massOrder.receipt.next')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ mt: 4, flexWrap: 'wrap' }}>
        <Button variant="contained" component={RouterLink} to={orderRoutes.mine}>
          {translate('beh.wizard.receipt.history')}
        </Button>
        <Button variant="outlined" component={RouterLink} to={massOrderRoutes.assignment(assignmentId)}>
          {translate('beh.massOrder.receipt.again')}
        </Button>
        <Button variant="outlined" component={RouterLink} to={massOrderRoutes.tree}>
          {translate('beh.massOrder.receipt.backToTree')}
        </Button>
      </Stack>
    </Box>
  );
};
