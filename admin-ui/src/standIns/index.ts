import SupervisorAccountIcon from '@mui/icons-material/SupervisorAccount';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { StandIn } from './types';

/** Ersättare (rule 41): an attestant's stand-ins, named for a period and ended early if need be. */
export default {
  list: lazy(() => import('./StandInList')),
  create: lazy(() => import('./StandInCreate')),
  icon: SupervisorAccountIcon,
  recordRepresentation: (row: StandIn) => `${row.standInName} – ${row.attestantName}`,
} satisfies Omit<ResourceProps, 'name'>;
