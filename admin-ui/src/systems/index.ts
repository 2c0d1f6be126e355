import DevicesIcon from '@mui/icons-material/Devices';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { SystemGuideEntry } from '../types';

/** The systems guide, "Vilket uppdrag behöver jag?": which assignment a system needs. */
export default {
  list: lazy(() => import('./SystemList')),
  edit: lazy(() => import('./SystemEdit')),
  create: lazy(() => import('./SystemCreate')),
  icon: DevicesIcon,
  recordRepresentation: (entry: SystemGuideEntry) => entry.systemName,
} satisfies Omit<ResourceProps, 'name'>;
