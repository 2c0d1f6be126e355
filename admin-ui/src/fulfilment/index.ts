import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { FulfilmentItem } from './types';

/** "Att utföra": the systems' administrators' work items of access orders (issue 14). */
export default {
  list: lazy(() => import('./FulfilmentList')),
  show: lazy(() => import('./FulfilmentShow')),
  icon: AssignmentTurnedInIcon,
  recordRepresentation: (item: FulfilmentItem) => `${item.orderNumber} ${item.systemName}`,
} satisfies Omit<ResourceProps, 'name'>;
