import EventNoteIcon from '@mui/icons-material/EventNote';
import { Divider, Typography } from '@mui/material';
import { Menu as RaMenu, usePermissions, useSidebarState, useTranslate } from 'react-admin';
import { attestRoutes } from '../attest/routes';
import type { Me } from '../auth/types';
import { useDirectoryReadOnly } from '../directorySync/readOnly';
import { AttestMenuIcon, AttestMenuText } from '../pages/start/WaitingForAttest';
import { reportRoutes } from '../reports/routes';
import { reviewRoutes } from '../reviews/routes';
import RuleIcon from '@mui/icons-material/Rule';

/**
 * A group's heading in the menu. The menu is an ARIA menu, which may hold only items, groups and
 * separators: the heading is a separator named by its text (a screen reader announces it between
 * the groups as the divider it replaces). With the sidebar closed only the line is left.
 */
const MenuHeading = ({ text }: { text: string }) => {
  const translate = useTranslate();
  const [open] = useSidebarState();
  const label = translate(text);
  if (!open) return <Divider component="li" aria-hidden="true" />;
  return (
    <Typography
      component="li"
      role="separator"
      aria-label={label}
      variant="overline"
      sx={{
        display: 'block',
        borderTop: 1,
        borderColor: 'divider',
        color: 'text.secondary',
        lineHeight: 1.5,
        px: 2,
        pt: 1.5,
        pb: 0.5,
        mt: 1,
      }}
    >
      {label}
    </Typography>
  );
};

/**
 * The start page and delegations first; below them the directory grids, which only administrators
 * see (each resource item hides itself when authProvider.canAccess says no, see auth/access.ts).
 */
export const Menu = () => {
  const { permissions: me } = usePermissions<Me>();
  const administrator = me?.roles.administrator ?? false;
  const kiv = useDirectoryReadOnly();
  return (
    <RaMenu>
      <RaMenu.DashboardItem primaryText="beh.menu.start" />
      {me?.tiles.attest && (
        <RaMenu.Item to={attestRoutes.queue} primaryText={<AttestMenuText />} leftIcon={<AttestMenuIcon />} />
      )}
      <RaMenu.ResourceItem name="orders" />
      <RaMenu.ResourceItem name="fulfilment" />
      <RaMenu.ResourceItem name="delegations" />
      {/* Ersättare (rule 41): who stands in for me and for whom I stand in. */}
      <RaMenu.ResourceItem name="stand-ins" />
      {/* Who holds which assignment: a grid for auditors (administrators see it on each person). */}
      {me?.roles.auditor && <RaMenu.ResourceItem name="held-assignments" />}
      {/* The reports (issue 17): administrators, heads of unit and auditors. */}
      {(administrator || me?.roles.headOfUnit || me?.roles.auditor) && (
        <RaMenu.Item
          to={reportRoutes.holdings}
          primaryText="beh.menu.holdingsOnDate"
          leftIcon={<EventNoteIcon />}
        />
      )}
      {/* Access reviews (issue 17): reviewers are heads of unit; administrators and auditors follow up. */}
      {(administrator || me?.roles.headOfUnit || me?.roles.auditor) && (
        <RaMenu.Item to={reviewRoutes.list} primaryText="beh.menu.reviews" leftIcon={<RuleIcon />} />
      )}
      {administrator && <Divider component="li" aria-hidden="true" />}
      <RaMenu.ResourceItem name="persons" />
      <RaMenu.ResourceItem name="care-units" />
      <RaMenu.ResourceItem name="assignments" />
      <RaMenu.ResourceItem name="systems" />
      {administrator && <Divider component="li" aria-hidden="true" />}
      <RaMenu.ResourceItem name="administrations" />
      <RaMenu.ResourceItem name="care-providers" />
      {administrator && <MenuHeading text="beh.menu.accessCatalogue" />}
      {/* The longest name in the menu: on two lines rather than cut off. */}
      <RaMenu.ResourceItem
        name="local-systems"
        sx={{ '& .MuiTypography-noWrap': { whiteSpace: 'normal' } }}
      />
      <RaMenu.ResourceItem name="system-roles" />
      <RaMenu.ResourceItem name="access-areas" />
      <RaMenu.ResourceItem name="access-operations" />
      <RaMenu.ResourceItem name="professions" />
      <RaMenu.ResourceItem name="access-templates" />
      <RaMenu.ResourceItem name="system-administrators" />
      <RaMenu.ResourceItem name="auditors" />
      {administrator && <Divider component="li" aria-hidden="true" />}
      <RaMenu.ResourceItem name="outbox" />
      {/* KIV (DIRECTORY_SOURCE=ldap only): its syncs, the writes back and the drift. */}
      {kiv && <RaMenu.ResourceItem name="directory-sync-runs" />}
      {kiv && <RaMenu.ResourceItem name="ldap-writes" />}
      {kiv && <RaMenu.ResourceItem name="directory-drift" />}
      <RaMenu.ResourceItem name="audit-events" />
      <RaMenu.ResourceItem name="api-clients" />
      <RaMenu.ResourceItem name="person-access-log" />
    </RaMenu>
  );
};
