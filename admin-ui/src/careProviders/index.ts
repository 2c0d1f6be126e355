import DomainIcon from '@mui/icons-material/Domain';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CareProvider } from '../types';
import { directoryWritable } from '../directorySync/readOnly';

export default {
  list: lazy(() => import('./CareProviderList')),
  edit: directoryWritable(lazy(() => import('./CareProviderEdit'))),
  create: directoryWritable(lazy(() => import('./CareProviderCreate'))),
  icon: DomainIcon,
  recordRepresentation: (provider: CareProvider) => provider.name,
} satisfies Omit<ResourceProps, 'name'>;
