import CreditCardIcon from '@mui/icons-material/CreditCard';
import { Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { samlLoginUrl } from '../../auth/api';
import { useReturnRoute } from '../../auth/returnPath';
import { appHref } from './appHref';

/** SITHS through the regional IdP: a full page navigation to the SAML login, which returns to `relayState`. */
export const SamlMethodList = () => {
  const translate = useTranslate();
  // Where the user was going, as RelayState: the server checks it is a path inside the portal.
  const returnPath = appHref(useReturnRoute());
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
