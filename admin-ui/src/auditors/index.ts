import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Auditor } from './types';

/** Revisorer (issue 17): the read-only auditors, assigned and removed by administrators. */
export default {
  list: lazy(() => import('./AuditorList')),
  create: lazy(() => import('./AuditorCreate')),
  icon: ManageSearchIcon,
  recordRepresentation: (row: Auditor) => row.personName,
} satisfies Omit<ResourceProps, 'name'>;
