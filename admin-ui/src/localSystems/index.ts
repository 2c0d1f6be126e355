import AppsIcon from '@mui/icons-material/Apps';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { LocalSystem } from '../accessCatalogue/types';

/** The region's local and regional systems that access is ordered to (issue 14). */
export default {
  list: lazy(() => import('./LocalSystemList')),
  edit: lazy(() => import('./LocalSystemEdit')),
  create: lazy(() => import('./LocalSystemCreate')),
  icon: AppsIcon,
  recordRepresentation: (system: LocalSystem) => system.name,
} satisfies Omit<ResourceProps, 'name'>;
