import EngineeringIcon from '@mui/icons-material/Engineering';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { SystemAdministrator } from './types';

/** Systemadministratörer (issue 14): who carries out each system's parts by hand. */
export default {
  list: lazy(() => import('./SystemAdministratorList')),
  create: lazy(() => import('./SystemAdministratorCreate')),
  icon: EngineeringIcon,
  recordRepresentation: (row: SystemAdministrator) => `${row.personName} (${row.systemName})`,
} satisfies Omit<ResourceProps, 'name'>;
