import { useEffect, useState } from 'react';
import { useListContext } from 'react-admin';
import { withoutTabFlags } from './queueTabs';
import type { AttestCounts } from './types';
import { useAttestApi } from './useAttestApi';

/**
 * The tabs' counts for the queue's filter. Asked again whenever the list's data changes, so a
 * refresh after signing updates the counts with the rows.
 */
export function useAttestCounts(): AttestCounts | undefined {
  const api = useAttestApi();
  const { filterValues, data } = useListContext();
  const filterKey = JSON.stringify(withoutTabFlags(filterValues));
  const [counts, setCounts] = useState<{ key: string; value: AttestCounts }>();
  useEffect(() => {
    let current = true;
    api.getAttestCounts(JSON.parse(filterKey) as Record<string, unknown>).then(
      (value) => current && setCounts({ key: filterKey, value }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, filterKey, data]);
  return counts?.key === filterKey ? counts.value : undefined;
}
