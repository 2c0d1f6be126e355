import { Alert, Box, Card, CardContent, CircularProgress, Divider, Stack, Typography } from '@mui/material';
import { useEffect } from 'react';
import { LocalesMenuButton, useCheckAuth, useNavigate, useTranslate } from 'react-admin';
import { useReturnRoute } from '../../auth/returnPath';
import { LOCALES } from '../../i18n/i18nProvider';
import { DevPersonaList } from './DevPersonaList';
import { SamlMethodList } from './SamlMethodList';
import { useSignInOptions } from './useSignInOptions';

/**
 * Someone already signed in has nothing to do here: on to where they were going, in place of this
 * page's history entry. A new entry would drop every entry after it: Back to here from a wizard's
 * receipt, then Forward, would no longer find the receipt. Not once the page is gone (the user
 * went Back or Forward before the check answered): that would replace whatever entry is shown now.
 */
function useLeaveWhenSignedIn() {
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  const returnTo = useReturnRoute();
  useEffect(() => {
    let shown = true;
    checkAuth({}, false)
      .then(() => {
        if (shown) navigate(returnTo, { replace: true });
      })
      .catch(() => undefined);
    return () => {
      shown = false;
    };
  }, [checkAuth, navigate, returnTo]);
}

const SignInMethods = () => {
  const translate = useTranslate();
  const options = useSignInOptions();
  if (options.state === 'loading')
    return <CircularProgress aria-label={translate('ra.page.loading')} sx={{ alignSelf: 'center' }} />;
  if (options.state === 'failed')
    return <Alert severity="error">{translate('beh.signIn.unavailable')}</Alert>;
  const { methods, devUsers } = options;
  if (!methods.saml && !methods.dev)
    return <Alert severity="warning">{translate('beh.signIn.noMethods')}</Alert>;
  return (
    <>
      {methods.saml && <SamlMethodList />}
      {methods.saml && methods.dev && <Divider />}
      {methods.dev && <DevPersonaList users={devUsers} />}
    </>
  );
};

/** "Välj legitimeringsmetod": the portal's sign-in page, shaped after the regional IdP's (seeds/001). */
export const SignInPage = () => {
  const translate = useTranslate();
  useLeaveWhenSignedIn();
  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', bgcolor: 'grey.100', display: 'flex', justifyContent: 'center', p: 2 }}
    >
      <Card sx={{ width: '100%', maxWidth: 560, alignSelf: 'flex-start', mt: { xs: 2, sm: 8 } }}>
        <Box
          sx={{
            bgcolor: 'primary.main',
            color: 'primary.contrastText',
            px: 3,
            py: 1.5,
            display: 'flex',
            alignItems: 'center',
          }}
        >
          <Box sx={{ flex: 1 }}>
            <Typography variant="overline" component="p" sx={{ lineHeight: 1.5 }}>
              {translate('beh.signIn.region')}
            </Typography>
            <Typography variant="subtitle1" component="p">
              {translate('beh.signIn.service')}
            </Typography>
          </Box>
          <LocalesMenuButton languages={LOCALES} />
        </Box>
        <CardContent sx={{ px: 3, pb: 3 }}>
          <Stack spacing={2}>
            <Typography variant="h5" component="h1" sx={{ fontWeight: 600 }}>
              {translate('beh.signIn.heading')}
            </Typography>
            <Typography variant="subtitle1" component="p" color="text.secondary">
              {translate('beh.signIn.chooseMethod')}
            </Typography>
            <SignInMethods />
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
};
