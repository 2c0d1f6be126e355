import LibraryBooksIcon from '@mui/icons-material/LibraryBooks';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { AccessTemplate } from '../accessCatalogue/types';

/** Behörighetsmallar: a verksamhet's named bundles of system roles, offered per yrkeskategori. */
export default {
  list: lazy(() => import('./AccessTemplateList')),
  edit: lazy(() => import('./AccessTemplateEdit')),
  create: lazy(() => import('./AccessTemplateCreate')),
  icon: LibraryBooksIcon,
  recordRepresentation: (template: AccessTemplate) => template.name,
} satisfies Omit<ResourceProps, 'name'>;
