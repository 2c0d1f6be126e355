import CategoryIcon from '@mui/icons-material/Category';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { AccessArea } from '../accessCatalogue/types';

/** Områden: the top level of the catalogue, each holding verksamheter. */
export default {
  list: lazy(() => import('./AccessAreaList')),
  edit: lazy(() => import('./AccessAreaEdit')),
  create: lazy(() => import('./AccessAreaCreate')),
  icon: CategoryIcon,
  recordRepresentation: (area: AccessArea) => area.name,
} satisfies Omit<ResourceProps, 'name'>;
