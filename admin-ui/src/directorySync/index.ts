import CloudSyncIcon from '@mui/icons-material/CloudSync';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

/** "Katalogsynkningar": the directory's syncs from KIV, with "Synka nu", for administrators. */
export default {
  list: lazy(() => import('./SyncRunList')),
  show: lazy(() => import('./SyncRunShow')),
  icon: CloudSyncIcon,
} satisfies Omit<ResourceProps, 'name'>;
