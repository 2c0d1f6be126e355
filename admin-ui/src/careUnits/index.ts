import LocalHospitalIcon from '@mui/icons-material/LocalHospital';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { CareUnit } from '../types';
import { directoryWritable } from '../directorySync/readOnly';

export default {
  list: lazy(() => import('./CareUnitList')),
  edit: directoryWritable(lazy(() => import('./CareUnitEdit'))),
  create: directoryWritable(lazy(() => import('./CareUnitCreate'))),
  icon: LocalHospitalIcon,
  recordRepresentation: (unit: CareUnit) => unit.name,
} satisfies Omit<ResourceProps, 'name'>;
