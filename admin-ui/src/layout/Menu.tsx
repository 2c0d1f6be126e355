import { Divider } from '@mui/material';
import { Menu as RaMenu, usePermissions } from 'react-admin';
import { attestRoutes } from '../attest/routes';
import type { Me } from '../auth/types';
import { AttestMenuIcon, AttestMenuText } from '../pages/start/WaitingForAttest';

/**
 * The start page and delegations first; below them the directory grids, which only administrators
 * see (each resource item hides itself when authProvider.canAccess says no, see auth/access.ts).
 */
export const Menu = () => {
  const { permissions: me } = usePermissions<Me>();
  const administrator = me?.roles.administrator ?? false;
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText="beh.menu.start" />
      {me?.tiles.attest && (
        <RaMenu.Item to={attestRoutes.queue} primaryText={<AttestMenuText />} leftIcon={<AttestMenuIcon />} />
      )}
      <RaMenu.ResourceItem name="orders" />
      <RaMenu.ResourceItem name="delegations" />
      {administrator && <Divider component="li" aria-hidden="true" />}
      <RaMenu.ResourceItem name="persons" />
      <RaMenu.ResourceItem name="care-units" />
      <RaMenu.ResourceItem name="assignments" />
      <RaMenu.ResourceItem name="systems" />
      {administrator && <Divider component="li" aria-hidden="true" />}
      <RaMenu.ResourceItem name="administrations" />
      <RaMenu.ResourceItem name="care-providers" />
      {administrator && <Divider component="li" aria-hidden="true" />}
      <RaMenu.ResourceItem name="outbox" />
      <RaMenu.ResourceItem name="audit-events" />
      <RaMenu.ResourceItem name="api-clients" />
      <RaMenu.ResourceItem name="person-access-log" />
    </RaMenu>
  );
};
