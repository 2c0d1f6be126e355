import { useEffect, useState } from 'react';
import type { GrantableUnit } from './types';
import { useDelegationApi } from './useDelegationApi';

export type GrantableUnits =
  { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; units: GrantableUnit[] };

/** The units the signed-in user may delegate for (heads: their units; administrators: all). */
export function useGrantableUnits(): GrantableUnits {
  const api = useDelegationApi();
  const [units, setUnits] = useState<GrantableUnits>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    api
      .getGrantableUnits()
      .then((loaded) => current && setUnits({ state: 'ready', units: loaded }))
      .catch((error: unknown) => {
        if (current)
          setUnits({ state: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
    return () => {
      current = false;
    };
  }, [api]);
  return units;
}
