import OutboxIcon from '@mui/icons-material/Outbox';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { OutboxMail } from './types';

/** The mail outbox, read only, for administrators. */
export default {
  list: lazy(() => import('./OutboxList')),
  show: lazy(() => import('./OutboxShow')),
  icon: OutboxIcon,
  recordRepresentation: (mail: OutboxMail) => mail.subject,
} satisfies Omit<ResourceProps, 'name'>;
