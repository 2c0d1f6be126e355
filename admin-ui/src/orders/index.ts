import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Order } from './types';

/** Orders: placed through the wizard (a custom route), so the resource has no create or edit page. */
export default {
  list: lazy(() => import('./OrderList')),
  show: lazy(() => import('./OrderShow')),
  icon: ReceiptLongIcon,
  recordRepresentation: (order: Order) => order.orderNumber,
} satisfies Omit<ResourceProps, 'name'>;
