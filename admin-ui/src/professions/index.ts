import BadgeIcon from '@mui/icons-material/Badge';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import type { Profession } from '../accessCatalogue/types';

/** Yrkeskategorier: who an access template is offered to. */
export default {
  list: lazy(() => import('./ProfessionList')),
  edit: lazy(() => import('./ProfessionEdit')),
  create: lazy(() => import('./ProfessionCreate')),
  icon: BadgeIcon,
  recordRepresentation: (profession: Profession) => profession.name,
} satisfies Omit<ResourceProps, 'name'>;
