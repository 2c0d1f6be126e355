import WorkIcon from '@mui/icons-material/Work';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { AccessOperation } from '../accessCatalogue/types';

/** Verksamheter: each under an område, with a responsible head, holding the access templates. */
export default {
  list: lazy(() => import('./AccessOperationList')),
  edit: lazy(() => import('./AccessOperationEdit')),
  create: lazy(() => import('./AccessOperationCreate')),
  icon: WorkIcon,
  recordRepresentation: (operation: AccessOperation) => operation.name,
} satisfies Omit<ResourceProps, 'name'>;
