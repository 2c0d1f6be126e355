import { Alert, Box } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatTimestamp } from '../common/dates';
import { StatusChip, type StatusTone } from '../common/StatusChip';
import { LabeledValue, LabeledValues } from '../orders/LabeledValue';
import { WarningsSummary } from '../orders/LineWarnings';
import type { OrderStatus } from '../orders/types';
import type { AttestOrder, AttestPerson } from './types';

const field = (name: string) => `beh.attest.order.field.${name}`;
const person = (who: AttestPerson) => `${who.name} (${who.userId})`;

const STATUS_TONES: Record<OrderStatus, StatusTone> = {
  AWAITING_ATTEST: 'warning',
  APPROVED: 'info',
  COMPLETED: 'success',
  REJECTED: 'error',
  CANCELLED: 'neutral',
};

/** The seeds' head of the attest page: Slutanvändare, Beställare, Beställd, Status / Typ, Förvaltning, Projekt, Startdatum. */
export const AttestOrderSummary = ({
  order,
  status = order.status,
}: {
  order: AttestOrder;
  /** The status after the signed decision, when there is one. */
  status?: OrderStatus;
}) => {
  const translate = useTranslate();
  return (
    <Box>
      <LabeledValues min={200}>
        <LabeledValue label={field('endUser')}>{person(order.endUser)}</LabeledValue>
        <LabeledValue label={field('orderer')}>
          {person(order.orderer)}
          {order.orderedByAttestant && !order.asStandIn && (
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              <StatusChip tone="warning" label={translate('beh.attest.orderedByYou')} />
            </Box>
          )}
        </LabeledValue>
        {/* Rule 41: I decide as a stand-in for the order's attestant. */}
        {order.asStandIn && (
          <LabeledValue label={field('attestant')}>
            {person(order.attestant)}
            <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
              <StatusChip
                tone="info"
                label={translate('beh.attest.standInFor', { name: order.attestant.name })}
              />
            </Box>
          </LabeledValue>
        )}
        <LabeledValue label={field('createdAt')}>{formatTimestamp(order.createdAt)}</LabeledValue>
        <LabeledValue label={field('status')}>
          <StatusChip tone={STATUS_TONES[status]} label={translate(`beh.orders.status.${status}`)} />
        </LabeledValue>
        <LabeledValue label={field('type')}>{translate(`beh.orders.type.${order.type}`)}</LabeledValue>
        {/* An access order is for a verksamhet of an område where a VMU order is for a care unit of a förvaltning. */}
        {order.accessOperation ? (
          <LabeledValue label="beh.attest.access.area">{order.accessOperation.areaName}</LabeledValue>
        ) : (
          <LabeledValue label={field('administration')}>{order.administrationName}</LabeledValue>
        )}
        <LabeledValue label={field('project')}>{order.project}</LabeledValue>
        <LabeledValue label={order.type === 'REVOKE' ? field('endsOn') : field('startDate')}>
          {order.startDate}
        </LabeledValue>
        {order.accessOperation ? (
          <LabeledValue label="beh.attest.access.operation">{order.accessOperation.name}</LabeledValue>
        ) : (
          <LabeledValue label={field('careUnit')}>{order.careUnit?.name}</LabeledValue>
        )}
        <LabeledValue label={field('urgent')}>
          {translate(order.urgent ? 'ra.boolean.true' : 'ra.boolean.false')}
        </LabeledValue>
        {order.comment && <LabeledValue label={field('comment')}>{order.comment}</LabeledValue>}
      </LabeledValues>
      {status === 'AWAITING_ATTEST' && <WarningsSummary items={order.items} attest />}
      {order.due && status === 'AWAITING_ATTEST' && (
        <Alert severity="info" sx={{ mt: 2 }}>
          {translate(
            order.kind === 'ACCESS'
              ? 'beh.attest.order.dueAccess'
              : order.type === 'REVOKE'
                ? 'beh.attest.order.dueRevoke'
                : 'beh.attest.order.due',
          )}
        </Alert>
      )}
    </Box>
  );
};
