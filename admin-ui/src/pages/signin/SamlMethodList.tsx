import CreditCardIcon from '@mui/icons-material/CreditCard';
import { Button, Stack, Typography } from '@mui/material';
import { useLocation, useTranslate } from 'react-admin';
import { samlLoginUrl } from '../../auth/api';
import { appHref } from './appHref';

interface NextLocation {
  nextPathname?: string;
  nextSearch?: string;
}

/** Where the user was going when react-admin sent them here, so SAML brings them back there. */
function useReturnPath(): string {
  const location = useLocation();
  const state = (location.state ?? {}) as NextLocation;
  const route = state.nextPathname && state.nextPathname !== '/login' ? state.nextPathname : '/';
  return appHref(`${route}${state.nextSearch ?? ''}`);
}

/** SITHS through the regional IdP: a full page navigation to the SAML login, which returns to `relayState`. */
export const SamlMethodList = () => {
  const translate = useTranslate();
  const returnPath = useReturnPath();
  return (
    <Stack spacing={1.5}>
      <Button
        variant="outlined"
        size="large"
        href={samlLoginUrl(returnPath)}
        startIcon={<CreditCardIcon />}
        sx={{ justifyContent: 'flex-start', textTransform: 'none', py: 1.5 }}
      >
        {translate('beh.signIn.saml.cardThisDevice')}
      </Button>
      <Typography variant="body2" color="text.secondary">
        {translate('beh.signIn.saml.instructions')}
      </Typography>
    </Stack>
  );
};
