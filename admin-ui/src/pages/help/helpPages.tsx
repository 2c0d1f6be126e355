import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { HELP_ROUTES, type HelpTopic } from './helpRoutes';

/** The manuals are long texts nobody needs on the first load. */
export const HELP_PAGES: Record<HelpTopic, LazyExoticComponent<ComponentType>> = {
  vmuSingle: lazy(() => import('./VmuSingleHelp')),
  vmuMass: lazy(() => import('./VmuMassHelp')),
  attest: lazy(() => import('./AttestHelp')),
  delegations: lazy(() => import('./DelegationHelp')),
  accessOrders: lazy(() => import('../../accessOrders/AccessOrderHelp')),
};

export const helpPages = (Object.keys(HELP_ROUTES) as HelpTopic[]).map((topic) => ({
  path: HELP_ROUTES[topic],
  Page: HELP_PAGES[topic],
}));
