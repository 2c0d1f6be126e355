import PeopleIcon from '@mui/icons-material/People';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Person } from '../types';

export default {
  list: lazy(() => import('./PersonList')),
  show: lazy(() => import('./PersonShow')),
  edit: lazy(() => import('./PersonEdit')),
  create: lazy(() => import('./PersonCreate')),
  icon: PeopleIcon,
  recordRepresentation: (person: Person) => `${person.firstName} ${person.lastName} (${person.userId})`,
} satisfies Omit<ResourceProps, 'name'>;
