import SyncProblemIcon from '@mui/icons-material/SyncProblem';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { LdapWrite } from './types';

/** "KIV-skrivningar": the writes back to KIV, for administrators, who retry those that failed. */
export default {
  list: lazy(() => import('./LdapWriteList')),
  show: lazy(() => import('./LdapWriteShow')),
  icon: SyncProblemIcon,
  recordRepresentation: (write: LdapWrite) => `${write.personName} – ${write.assignmentName}`,
} satisfies Omit<ResourceProps, 'name'>;
