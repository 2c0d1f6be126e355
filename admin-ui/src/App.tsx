import { Admin, Resource } from 'react-admin';
import { Layout } from './layout/Layout';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { theme } from './layout/theme';
import administrations from './administrations';
import assignments from './assignments';
import careProviders from './careProviders';
import careUnits from './careUnits';
import engagements from './engagements';
import heldAssignments from './heldAssignments';
import persons from './persons';
import systems from './systems';

/** Until the start page arrives (a later issue) the person list is the first page. */
export const App = () => (
  <Admin
    title="BEH – Behörighetsbeställning"
    dataProvider={dataProvider}
    i18nProvider={i18nProvider}
    layout={Layout}
    theme={theme}
    disableTelemetry
  >
    <Resource name="persons" {...persons} />
    <Resource name="care-units" {...careUnits} />
    <Resource name="assignments" {...assignments} />
    <Resource name="systems" {...systems} />
    <Resource name="administrations" {...administrations} />
    <Resource name="care-providers" {...careProviders} />
    <Resource name="engagements" {...engagements} />
    <Resource name="held-assignments" {...heldAssignments} />
  </Admin>
);
