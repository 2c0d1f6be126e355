import { useEffect, useState } from 'react';
import { fetchAuthMethods, fetchDevUsers } from '../../auth/api';
import type { AuthMethods, DevUser } from '../../auth/types';

export type SignInOptions =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; methods: AuthMethods; devUsers: DevUser[] };

/** The sign-in methods the server offers and, when development sign-in is on, its personas. */
export function useSignInOptions(): SignInOptions {
  const [options, setOptions] = useState<SignInOptions>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    (async () => {
      const methods = await fetchAuthMethods();
      const devUsers = methods.dev ? await fetchDevUsers() : [];
      if (current) setOptions({ state: 'ready', methods, devUsers });
    })().catch(() => {
      if (current) setOptions({ state: 'failed' });
    });
    return () => {
      current = false;
    };
  }, []);
  return options;
}
