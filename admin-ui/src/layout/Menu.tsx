import { Divider } from '@mui/material';
import { Menu as RaMenu } from 'react-admin';

/** Directory data first, the organisation's reference data below. Labels are the resources' names. */
export const Menu = () => (
  <RaMenu>
    <RaMenu.ResourceItem name="persons" />
    <RaMenu.ResourceItem name="care-units" />
    <RaMenu.ResourceItem name="assignments" />
    <RaMenu.ResourceItem name="systems" />
    <Divider component="li" aria-hidden="true" />
    <RaMenu.ResourceItem name="administrations" />
    <RaMenu.ResourceItem name="care-providers" />
  </RaMenu>
);
