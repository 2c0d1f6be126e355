import PeopleIcon from '@mui/icons-material/People';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Person } from '../types';
import { directoryWritable } from '../directorySync/readOnly';

export default {
  list: lazy(() => import('./PersonList')),
  show: lazy(() => import('./PersonShow')),
  edit: directoryWritable(lazy(() => import('./PersonEdit'))),
  create: directoryWritable(lazy(() => import('./PersonCreate'))),
  icon: PeopleIcon,
  recordRepresentation: (person: Person) => `${person.firstName} ${person.lastName} (${person.userId})`,
} satisfies Omit<ResourceProps, 'name'>;
