import HandshakeIcon from '@mui/icons-material/Handshake';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import { targetName } from './fields';
import type { Delegation } from './types';

/** Delegations: no edit page; limiting and revoking are actions on the show page. */
export default {
  list: lazy(() => import('./DelegationList')),
  show: lazy(() => import('./DelegationShow')),
  create: lazy(() => import('./DelegationCreate')),
  icon: HandshakeIcon,
  recordRepresentation: (delegation: Delegation) => `${delegation.delegateName} – ${targetName(delegation)}`,
} satisfies Omit<ResourceProps, 'name'>;
