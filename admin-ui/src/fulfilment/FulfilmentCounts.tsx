import { Box, Chip, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useListContext, useTranslate } from 'react-admin';
import { useFulfilmentApi } from './api';
import type { FulfilmentCount } from './types';

/**
 * Waiting work items per system, above the queue: each a chip that filters the list to its
 * system ("3 väntar, 1 akut"). The counts come from GET /api/fulfilment/counts.
 */
export const FulfilmentCounts = () => {
  const translate = useTranslate();
  const api = useFulfilmentApi();
  const { filterValues, setFilters, total } = useListContext();
  const [counts, setCounts] = useState<FulfilmentCount[] | undefined>();
  useEffect(() => {
    let live = true;
    api.counts().then(
      (c) => live && setCounts(c),
      () => live && setCounts([]),
    );
    return () => {
      live = false;
    };
    // The counts follow the list: asked again whenever its total changes (a part settled).
  }, [api, total]);
  if (!counts || counts.length === 0) return null;
  const selected = (filterValues as { systemId?: string }).systemId;
  return (
    <Box component="section" aria-labelledby="fulfilment-counts" sx={{ px: 2, pt: 2 }}>
      <Typography id="fulfilment-counts" variant="subtitle2" component="h2" sx={{ mb: 1 }}>
        {translate('beh.fulfilment.countsHeading')}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        {counts.map((c) => (
          <Chip
            key={c.systemId}
            clickable
            color={selected === c.systemId ? 'primary' : 'default'}
            variant={selected === c.systemId ? 'filled' : 'outlined'}
            aria-pressed={selected === c.systemId}
            onClick={() =>
              setFilters({ ...filterValues, systemId: selected === c.systemId ? undefined : c.systemId }, {})
            }
            label={translate(c.urgent > 0 ? 'beh.fulfilment.countUrgent' : 'beh.fulfilment.count', {
              system: c.systemName,
              pending: c.pending,
              urgent: c.urgent,
            })}
          />
        ))}
      </Box>
    </Box>
  );
};
