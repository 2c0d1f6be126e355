import WorkIcon from '@mui/icons-material/Work';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Engagement } from '../types';

/** Engagements are created and edited from the person's page; there is no list of their own. */
export default {
  edit: lazy(() => import('./EngagementEdit')),
  create: lazy(() => import('./EngagementCreate')),
  icon: WorkIcon,
  recordRepresentation: (engagement: Engagement) => `${engagement.careUnitName} ${engagement.validFrom}`,
} satisfies Omit<ResourceProps, 'name'>;
