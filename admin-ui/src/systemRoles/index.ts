import KeyIcon from '@mui/icons-material/Key';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { SystemRole } from '../accessCatalogue/types';

/** The roles (access levels) of a local or regional system that templates bundle. */
export default {
  list: lazy(() => import('./SystemRoleList')),
  edit: lazy(() => import('./SystemRoleEdit')),
  create: lazy(() => import('./SystemRoleCreate')),
  icon: KeyIcon,
  recordRepresentation: (role: SystemRole) => `${role.systemName} – ${role.name}`,
} satisfies Omit<ResourceProps, 'name'>;
