import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { HeldAssignment } from '../types';

/** Who holds which assignment: created and edited from the person's page, no list of its own. */
export default {
  edit: lazy(() => import('./HeldAssignmentEdit')),
  create: lazy(() => import('./HeldAssignmentCreate')),
  icon: AssignmentIndIcon,
  recordRepresentation: (held: HeldAssignment) => `${held.assignmentName}, ${held.careUnitName}`,
} satisfies Omit<ResourceProps, 'name'>;
