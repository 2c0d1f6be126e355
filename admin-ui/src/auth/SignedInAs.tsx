import { Typography } from '@mui/material';
import { useGetIdentity, useTranslate } from 'react-admin';
import type { BehIdentity } from './authProvider';

/** "Inloggad: Karin Lund (karlu1)", as in the seeds' page header. */
export const SignedInAs = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  if (!identity) return null;
  const { fullName, userId } = identity as BehIdentity;
  return (
    <Typography
      variant="body2"
      component="p"
      sx={{ mx: 1, whiteSpace: 'nowrap', display: { xs: 'none', sm: 'block' } }}
    >
      {translate('beh.auth.signedInAs', { name: fullName, userId })}
    </Typography>
  );
};
