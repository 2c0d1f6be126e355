import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * A label above its value, as the seeds' order pages and search hit show them. A description
 * list term/definition pair, so screen readers read the label with the value.
 */
export const LabeledValue = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  const empty = children === null || children === undefined || children === '';
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {translate(label)}
      </Typography>
      <Typography component="dd" variant="body1" sx={{ m: 0, overflowWrap: 'anywhere' }}>
        {empty ? translate('beh.empty') : children}
      </Typography>
    </Box>
  );
};

/** Label/value pairs in columns: as many as fit, at least `min` pixels each. */
export const LabeledValues = ({ children, min = 180 }: { children: ReactNode; min?: number }) => (
  <Box
    component="dl"
    sx={{
      display: 'grid',
      gridTemplateColumns: `repeat(auto-fill, minmax(${min}px, 1fr))`,
      gap: 2,
      m: 0,
    }}
  >
    {children}
  </Box>
);
