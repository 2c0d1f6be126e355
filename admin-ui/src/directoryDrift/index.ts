import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { DirectoryDrift } from './types';

/** "Avvikelser mot KIV": drift between KIV and BEH's holdings, read only, for administrators. */
export default {
  list: lazy(() => import('./DirectoryDriftList')),
  icon: CompareArrowsIcon,
  recordRepresentation: (drift: DirectoryDrift) => `${drift.personHsaId} – ${drift.assignmentName}`,
} satisfies Omit<ResourceProps, 'name'>;
