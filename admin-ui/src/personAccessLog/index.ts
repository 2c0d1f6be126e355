import ManageSearchIcon from '@mui/icons-material/ManageSearch';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

/** The person lookup log ("Uppslagslogg"), read only, for administrators. */
export default {
  list: lazy(() => import('./PersonAccessLogList')),
  icon: ManageSearchIcon,
} satisfies Omit<ResourceProps, 'name'>;
