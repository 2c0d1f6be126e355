import AssignmentIcon from '@mui/icons-material/Assignment';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Assignment } from '../types';
import { directoryWritable } from '../directorySync/readOnly';

export default {
  list: lazy(() => import('./AssignmentList')),
  edit: directoryWritable(lazy(() => import('./AssignmentEdit'))),
  create: directoryWritable(lazy(() => import('./AssignmentCreate'))),
  icon: AssignmentIcon,
  recordRepresentation: (assignment: Assignment) => `${assignment.name} – ${assignment.careUnitName}`,
} satisfies Omit<ResourceProps, 'name'>;
