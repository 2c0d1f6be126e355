import type { MouseEvent, ReactNode } from 'react';
import { Link } from 'react-admin';
import { Box } from '@mui/material';
import { formatTimestamp } from '../common/dates';
import { StatusChip } from '../common/StatusChip';
import { attestRoutes } from './routes';
import type { QueueOrder } from './types';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface QueueColumn {
  /** The API's sort field, also the i18n key under `beh.attest.column`. */
  source: string;
  sortable: boolean;
  render: (order: QueueOrder, translate: Translate) => ReactNode;
}

const person = (name: string, userId: string) => `${name} (${userId})`;

/** Beställd, Ordernummer, Beställare, Slutanvändare, Typ, Vårdenhet/verksamhet, Startdatum, Akut – and what is ordered. */
export const QUEUE_COLUMNS: readonly QueueColumn[] = [
  {
    source: 'createdAt',
    sortable: true,
    // Date and time may go on two lines, each whole: the queue fits 1366 px (issue 13, point 5).
    render: (order) => {
      const [date, time] = formatTimestamp(order.createdAt).split(' ');
      return (
        <>
          <span style={{ whiteSpace: 'nowrap' }}>{date}</span>{' '}
          <span style={{ whiteSpace: 'nowrap' }}>{time}</span>
        </>
      );
    },
  },
  {
    source: 'orderNumber',
    sortable: true,
    // A link too, so the page is reached with the keyboard as well as by a click on the row.
    render: (order, translate) => (
      <>
        <Link to={attestRoutes.order(order.id)} onClick={(event: MouseEvent) => event.stopPropagation()}>
          {order.orderNumber}
        </Link>
        {/* Rule 41: an order of an attestant I stand in for. */}
        {order.standInFor && (
          <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
            <StatusChip
              tone="info"
              label={translate('beh.attest.standInFor', { name: order.standInFor.name })}
            />
          </Box>
        )}
      </>
    ),
  },
  {
    source: 'ordererName',
    sortable: true,
    // Rule 11: ordering for someone and attesting it oneself is allowed, but marked.
    render: (order, translate) => (
      <>
        {person(order.ordererName, order.ordererUserId)}
        {/* "Du": not when I stand in for the attestant who ordered it (rule 41). */}
        {order.orderedByAttestant && !order.standInFor && (
          <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
            <StatusChip tone="warning" label={translate('beh.attest.orderedByYou')} />
          </Box>
        )}
      </>
    ),
  },
  {
    source: 'endUserName',
    sortable: true,
    render: (order) => person(order.endUserName, order.endUserUserId),
  },
  {
    source: 'type',
    sortable: true,
    render: (order, translate) => translate(`beh.orders.type.${order.type}`),
  },
  {
    source: 'assignmentNames',
    sortable: false,
    // An access order's lines are its templates, each with its profession.
    render: (order) => [...order.assignmentNames, ...(order.templateNames ?? [])].join(', '),
  },
  {
    source: 'careUnitName',
    sortable: true,
    // The care unit of a VMU order; the verksamhet, with its område below, of an access order.
    render: (order, translate) =>
      order.kind === 'ACCESS' ? (
        <>
          {order.accessOperationName}
          <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
            {translate('beh.attest.access.areaOf', { area: order.areaName ?? '' })}
          </Box>
        </>
      ) : (
        order.careUnitName
      ),
  },
  {
    source: 'startDate',
    sortable: true,
    render: (order) => <span style={{ whiteSpace: 'nowrap' }}>{order.startDate}</span>,
  },
  {
    source: 'urgent',
    sortable: true,
    render: (order, translate) => (order.urgent ? translate('beh.attest.urgentYes') : ''),
  },
];
