import KeyIcon from '@mui/icons-material/Key';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { ApiClient } from './types';

/** API clients (other systems' bearer tokens), for administrators: list, create, revoke. */
export default {
  list: lazy(() => import('./ApiClientList')),
  create: lazy(() => import('./ApiClientCreate')),
  icon: KeyIcon,
  recordRepresentation: (client: ApiClient) => client.name,
} satisfies Omit<ResourceProps, 'name'>;
