import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Administration } from '../types';

export default {
  list: lazy(() => import('./AdministrationList')),
  edit: lazy(() => import('./AdministrationEdit')),
  create: lazy(() => import('./AdministrationCreate')),
  icon: AccountTreeIcon,
  recordRepresentation: (administration: Administration) => administration.name,
} satisfies Omit<ResourceProps, 'name'>;
