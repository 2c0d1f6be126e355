import WorkIcon from '@mui/icons-material/Work';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Engagement } from '../types';
import { directoryWritable } from '../directorySync/readOnly';

/** Engagements are created and edited from the person's page; there is no list of their own. */
export default {
  edit: directoryWritable(lazy(() => import('./EngagementEdit'))),
  create: directoryWritable(lazy(() => import('./EngagementCreate'))),
  icon: WorkIcon,
  recordRepresentation: (engagement: Engagement) => `${engagement.careUnitName} ${engagement.validFrom}`,
} satisfies Omit<ResourceProps, 'name'>;
