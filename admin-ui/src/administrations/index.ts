import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Administration } from '../types';
import { directoryWritable } from '../directorySync/readOnly';

export default {
  list: lazy(() => import('./AdministrationList')),
  // In ldap mode too: the head (förvaltningschef) is BEH's own; the page shows only it then.
  edit: lazy(() => import('./AdministrationEdit')),
  create: directoryWritable(lazy(() => import('./AdministrationCreate'))),
  icon: AccountTreeIcon,
  recordRepresentation: (administration: Administration) => administration.name,
} satisfies Omit<ResourceProps, 'name'>;
