import type { ReactNode } from 'react';
import { AppBar, Layout as RaLayout, LoadingIndicator, LocalesMenuButton, TitlePortal } from 'react-admin';
import { SignedInAs } from '../auth/SignedInAs';
import { LOCALES } from '../i18n/i18nProvider';
import { Menu } from './Menu';

const BehAppBar = () => (
  <AppBar
    toolbar={
      <>
        <SignedInAs />
        <LocalesMenuButton languages={LOCALES} />
        <LoadingIndicator />
      </>
    }
  >
    <TitlePortal />
  </AppBar>
);

export const Layout = ({ children }: { children: ReactNode }) => (
  <RaLayout appBar={BehAppBar} menu={Menu}>
    {children}
  </RaLayout>
);
