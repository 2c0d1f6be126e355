import { type ComponentProps, type ReactNode, useEffect, useState } from 'react';
import {
  AppBar,
  Layout as RaLayout,
  LoadingIndicator,
  LocalesMenuButton,
  TitlePortal,
  useTranslate,
} from 'react-admin';
import { useLocation } from 'react-router-dom';
import { attestRoutes } from '../attest/routes';
import { orderRoutes } from '../orders/routes';
import { accessOrderRoutes } from '../accessOrders/routes';
import { HELP_ROUTES } from '../pages/help/helpRoutes';
import { massOrderRoutes } from '../pages/massOrder/routes';
import { SignedInAs } from '../auth/SignedInAs';
import { LOCALES } from '../i18n/i18nProvider';
import { ContentStatus } from './ContentStatus';
import { Menu } from './Menu';

const OWN_HEADING = 'h1, [role="heading"][aria-level="1"]';

/**
 * Whether the page's content has its own h1 (the start page, the wizard, the attest page …);
 * watched, as pages render their content after the layout.
 */
function useContentHasHeading(): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    const content = document.getElementById('main-content');
    if (!content) return;
    const check = () => setHas(content.querySelector(OWN_HEADING) !== null);
    check();
    const observer = new MutationObserver(check);
    observer.observe(content, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return has;
}

/**
 * The page title react-admin's <Title> renders into the app bar is the page's one h1 (WCAG 1.3.1,
 * axe "page-has-heading-one") on every list, show, edit and create page; on a page with an h1 of
 * its own it is plain text. A role rather than an <h1> element, so that the title's portal target
 * stays the same element when a page changes.
 */
/**
 * The pages that have an h1 of their own, by address: known while rendering, so that the title
 * stops being a heading in the same commit that brings the page's h1 (waiting for the content to
 * show its h1 left a moment with two). The watch of the content covers any other page.
 */
const OWN_HEADING_PAGES: readonly RegExp[] = [
  /^\/?$/,
  new RegExp(`^${orderRoutes.wizard}(/|$)`),
  new RegExp(`^${accessOrderRoutes.wizard}(/|$)`),
  new RegExp(`^${massOrderRoutes.tree}(/|$)`),
  new RegExp(`^${attestRoutes.queue}/[^/]+$`),
  ...Object.values(HELP_ROUTES).map((path) => new RegExp(`^${path}$`)),
];

const PageTitle = () => {
  const { pathname } = useLocation();
  const ownByAddress = OWN_HEADING_PAGES.some((page) => page.test(pathname));
  const contentHasHeading = useContentHasHeading() || ownByAddress;
  // Always a <div> (react-admin's is an <h6>): one element, whichever the page is.
  const heading = contentHasHeading ? {} : { role: 'heading', 'aria-level': 1 };
  return <TitlePortal component="div" {...heading} />;
};

/**
 * react-admin's spinner in the app bar, named: its CircularProgress is a progressbar without a
 * name (axe: aria-progressbar-name, serious). LoadingIndicator passes props it does not know on
 * to that CircularProgress; its type does not say so, hence the cast.
 */
const AppBarLoading = () => {
  const translate = useTranslate();
  const named = { 'aria-label': translate('beh.a11y.loading') } as ComponentProps<typeof LoadingIndicator>;
  return <LoadingIndicator {...named} />;
};

const BehAppBar = () => (
  <AppBar
    toolbar={
      <>
        <SignedInAs />
        <LocalesMenuButton languages={LOCALES} />
        <AppBarLoading />
      </>
    }
  >
    <PageTitle />
  </AppBar>
);

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={BehAppBar} menu={Menu}>
    <ContentStatus>{children}</ContentStatus>
  </RaLayout>
);
