import HistoryEduIcon from '@mui/icons-material/HistoryEdu';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { AuditEvent } from './types';

/** The hash-chained audit log, read only, for administrators. */
export default {
  list: lazy(() => import('./AuditEventList')),
  show: lazy(() => import('./AuditEventShow')),
  icon: HistoryEduIcon,
  recordRepresentation: (event: AuditEvent) => `${event.id} ${event.action}`,
} satisfies Omit<ResourceProps, 'name'>;
