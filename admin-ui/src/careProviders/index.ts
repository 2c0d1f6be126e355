import DomainIcon from '@mui/icons-material/Domain';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CareProvider } from '../types';

export default {
  list: lazy(() => import('./CareProviderList')),
  edit: lazy(() => import('./CareProviderEdit')),
  create: lazy(() => import('./CareProviderCreate')),
  icon: DomainIcon,
  recordRepresentation: (provider: CareProvider) => provider.name,
} satisfies Omit<ResourceProps, 'name'>;
