import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import type { ResourceProps } from 'react-admin';
import type { HeldAssignment } from '../types';

/**
 * Who holds which assignment: shown on the person's page, read only. A holding changes only
 * when an attested order is carried out, so there is no create or edit page (the server answers
 * 405 to a write).
 */
export default {
  icon: AssignmentIndIcon,
  recordRepresentation: (held: HeldAssignment) => `${held.assignmentName}, ${held.careUnitName}`,
} satisfies Omit<ResourceProps, 'name'>;
