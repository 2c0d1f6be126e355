import LocalHospitalIcon from '@mui/icons-material/LocalHospital';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CareUnit } from '../types';

export default {
  list: lazy(() => import('./CareUnitList')),
  edit: lazy(() => import('./CareUnitEdit')),
  create: lazy(() => import('./CareUnitCreate')),
  icon: LocalHospitalIcon,
  recordRepresentation: (unit: CareUnit) => unit.name,
} satisfies Omit<ResourceProps, 'name'>;
