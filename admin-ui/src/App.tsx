import { lazy, Suspense } from 'react';
import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Loading, Resource } from 'react-admin';
import { authProvider } from './auth/authProvider';
import { Layout } from './layout/Layout';
import { dataProvider } from './dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { theme } from './layout/theme';
import { helpPages } from './pages/help/helpPages';
import { SignInPage } from './pages/signin/SignInPage';
import { StartPage } from './pages/start/StartPage';
import accessAreas from './accessAreas';
import accessOperations from './accessOperations';
import accessTemplates from './accessTemplates';
import fulfilment from './fulfilment';
import systemAdministrators from './systemAdministrators';
import auditors from './auditors';
import standIns from './standIns';
import administrations from './administrations';
import apiClients from './api-clients';
import auditEvents from './auditEvents';
import assignments from './assignments';
import careProviders from './careProviders';
import careUnits from './careUnits';
import delegations from './delegations';
import engagements from './engagements';
import heldAssignments from './heldAssignments';
import orders from './orders';
import { orderRoutes } from './orders/routes';
import { attestRoutes } from './attest/routes';
import { massOrderRoutes } from './pages/massOrder/routes';
import outbox from './outbox';
import ldapWrites from './ldapWrites';
import directoryDrift from './directoryDrift';
import directorySync from './directorySync';
import persons from './persons';
import professions from './professions';
import personAccessLog from './personAccessLog';
import localSystems from './localSystems';
import systemRoles from './systemRoles';
import systems from './systems';
import { accessOrderRoutes } from './accessOrders/routes';
import { reviewRoutes } from './reviews/routes';
import { reportRoutes } from './reports/routes';

// The wizard is the heaviest page and not needed on the first load.
const OrderWizardPage = lazy(() => import('./pages/orderWizard/OrderWizardPage'));
// The attestant's pages are for few users: loaded when opened (also from the mail link).
const AttestQueuePage = lazy(() => import('./attest/AttestQueuePage'));
const AttestOrderPage = lazy(() => import('./attest/AttestOrderPage'));
// Mass ordering is for orderers only, and heavy: loaded when opened.
const MassOrderTreePage = lazy(() => import('./pages/massOrder/MassOrderTreePage'));
const EditUsersPage = lazy(() => import('./pages/massOrder/EditUsersPage'));
// Access reviews (issue 17): for heads of unit, administrators and auditors, loaded when opened.
const ReviewsListPage = lazy(() => import('./reviews/ReviewsListPage'));
const CampaignCreatePage = lazy(() => import('./reviews/CampaignCreatePage'));
const ReviewPage = lazy(() => import('./reviews/ReviewPage'));
const ReviewReportPage = lazy(() => import('./reviews/ReportPage'));
// Ordering access to local and regional systems (issue 14): for orderers only, loaded when opened.
const AccessOrderWizardPage = lazy(() => import('./accessOrders/AccessOrderWizardPage'));
// The reports (issue 17): for administrators and heads of unit, now and then; loaded when opened.
const HoldingsOnDatePage = lazy(() => import('./reports/HoldingsOnDatePage'));
const PersonHistoryPage = lazy(() => import('./reports/PersonHistoryPage'));

/** Every page needs a signed-in user; what the menu and pages offer follows `GET /api/me` (auth/access.ts). */
export const App = () => (
  <Admin
    title="BEH – Behörighetsbeställning"
    dataProvider={dataProvider}
    authProvider={authProvider}
    i18nProvider={i18nProvider}
    loginPage={SignInPage}
    dashboard={StartPage}
    layout={Layout}
    theme={theme}
    requireAuth
    disableTelemetry
  >
    <Resource name="orders" {...orders} />
    <Resource name="fulfilment" {...fulfilment} />
    <Resource name="delegations" {...delegations} />
    <Resource name="persons" {...persons} />
    <Resource name="care-units" {...careUnits} />
    <Resource name="assignments" {...assignments} />
    <Resource name="systems" {...systems} />
    <Resource name="administrations" {...administrations} />
    <Resource name="care-providers" {...careProviders} />
    <Resource name="local-systems" {...localSystems} />
    <Resource name="system-roles" {...systemRoles} />
    <Resource name="access-areas" {...accessAreas} />
    <Resource name="access-operations" {...accessOperations} />
    <Resource name="professions" {...professions} />
    <Resource name="access-templates" {...accessTemplates} />
    <Resource name="system-administrators" {...systemAdministrators} />
    <Resource name="auditors" {...auditors} />
    <Resource name="stand-ins" {...standIns} />
    <Resource name="engagements" {...engagements} />
    <Resource name="held-assignments" {...heldAssignments} />
    <Resource name="outbox" {...outbox} />
    <Resource name="ldap-writes" {...ldapWrites} />
    <Resource name="directory-drift" {...directoryDrift} />
    <Resource name="directory-sync-runs" {...directorySync} />
    <Resource name="audit-events" {...auditEvents} />
    <Resource name="api-clients" {...apiClients} />
    <Resource name="person-access-log" {...personAccessLog} />
    <CustomRoutes>
      <Route
        path={orderRoutes.wizard}
        element={
          <Suspense fallback={<Loading />}>
            <OrderWizardPage />
          </Suspense>
        }
      />
      <Route
        path={accessOrderRoutes.wizard}
        element={
          <Suspense fallback={<Loading />}>
            <AccessOrderWizardPage />
          </Suspense>
        }
      />
      <Route
        path={reviewRoutes.list}
        element={
          <Suspense fallback={<Loading />}>
            <ReviewsListPage />
          </Suspense>
        }
      />
      <Route
        path={reviewRoutes.create}
        element={
          <Suspense fallback={<Loading />}>
            <CampaignCreatePage />
          </Suspense>
        }
      />
      <Route
        path={reviewRoutes.reportPattern}
        element={
          <Suspense fallback={<Loading />}>
            <ReviewReportPage />
          </Suspense>
        }
      />
      <Route
        path={reviewRoutes.reviewPattern}
        element={
          <Suspense fallback={<Loading />}>
            <ReviewPage />
          </Suspense>
        }
      />
      <Route
        path={attestRoutes.queue}
        element={
          <Suspense fallback={<Loading />}>
            <AttestQueuePage />
          </Suspense>
        }
      />
      <Route
        path={attestRoutes.orderPattern}
        element={
          <Suspense fallback={<Loading />}>
            <AttestOrderPage />
          </Suspense>
        }
      />
      <Route
        path={massOrderRoutes.tree}
        element={
          <Suspense fallback={<Loading />}>
            <MassOrderTreePage />
          </Suspense>
        }
      />
      <Route
        path={massOrderRoutes.assignmentPattern}
        element={
          <Suspense fallback={<Loading />}>
            <EditUsersPage />
          </Suspense>
        }
      />
      <Route
        path={reportRoutes.holdings}
        element={
          <Suspense fallback={<Loading />}>
            <HoldingsOnDatePage />
          </Suspense>
        }
      />
      <Route
        path={reportRoutes.historyPattern}
        element={
          <Suspense fallback={<Loading />}>
            <PersonHistoryPage />
          </Suspense>
        }
      />
      {helpPages.map(({ path, Page }) => (
        <Route
          key={path}
          path={path}
          element={
            <Suspense fallback={<Loading />}>
              <Page />
            </Suspense>
          }
        />
      ))}
    </CustomRoutes>
  </Admin>
);
