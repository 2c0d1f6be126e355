import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { HeldAssignment } from '../types';

/**
 * Who holds which assignment: shown on the person's page, and to auditors as a list of the whole
 * region, read only. A holding changes only when an attested order is carried out, so there is no
 * create or edit page (the server answers 405 to a write).
 */
export default {
  list: lazy(() => import('./HeldAssignmentList')),
  icon: AssignmentIndIcon,
  recordRepresentation: (held: HeldAssignment) => `${held.assignmentName}, ${held.careUnitName}`,
} satisfies Omit<ResourceProps, 'name'>;
