import { Stack } from '@mui/material';
import type { ReactNode } from 'react';

/** The row of "Ångra / Föregående / Nästa" at the foot of a step, the forward action last. */
export const WizardButtons = ({ children }: { children: ReactNode }) => (
  <Stack direction="row" spacing={2} sx={{ mt: 4, flexWrap: 'wrap', rowGap: 1 }}>
    {children}
  </Stack>
);
