import { List, ListItem, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useState } from 'react';
import { useLogin, useNotify, useTranslate } from 'react-admin';
import type { DevLoginParams } from '../../auth/authProvider';
import { useReturnRoute } from '../../auth/returnPath';
import type { DevUser } from '../../auth/types';
import { reloadAt } from './appHref';

/** The demo personas as buttons: one click signs in as that person (development and test only). */
export const DevPersonaList = ({ users }: { users: DevUser[] }) => {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [signingIn, setSigningIn] = useState<string | undefined>();
  // The page the user was opening (a mail's link, a draft's address), not always the start page.
  const returnTo = useReturnRoute();

  const signInAs = async (userId: string) => {
    setSigningIn(userId);
    try {
      await login({ userId } satisfies DevLoginParams);
      reloadAt(returnTo);
    } catch (error) {
      setSigningIn(undefined);
      notify(error instanceof Error ? error.message : 'beh.signIn.failed', { type: 'error' });
    }
  };

  return (
    <section aria-labelledby="dev-sign-in-heading">
      <Typography id="dev-sign-in-heading" variant="h6" component="h2" sx={{ mt: 1 }}>
        {translate('beh.signIn.dev.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('beh.signIn.dev.hint')}
      </Typography>
      {users.length === 0 ? (
        <Typography variant="body2">{translate('beh.signIn.dev.none')}</Typography>
      ) : (
        <List dense disablePadding aria-labelledby="dev-sign-in-heading">
          {users.map((user) => (
            <ListItem key={user.userId} disablePadding divider>
              <ListItemButton
                disabled={signingIn !== undefined}
                selected={signingIn === user.userId}
                onClick={() => void signInAs(user.userId)}
                data-user-id={user.userId}
              >
                <ListItemText
                  primary={`${user.firstName} ${user.lastName} (${user.userId})`}
                  secondary={user.description}
                />
              </ListItemButton>
            </ListItem>
          ))}
        </List>
      )}
    </section>
  );
};
