import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * A label above its value, as the seeds' order pages and search hit show them. A description
 * list term/definition pair, so screen readers read the label with the value.
 */
export const LabeledValue = ({
  label,
  children,
  noWrap = false,
  wide = false,
}: {
  label: string;
  children: ReactNode;
  /** For ids such as `SE2321000131-P000000000104`, which must not break at their hyphen. */
  noWrap?: boolean;
  /** Takes a whole row, for free text such as a comment. */
  wide?: boolean;
}) => {
  const translate = useTranslate();
  const empty = children === null || children === undefined || children === '';
  return (
    <Box sx={{ minWidth: 0, gridColumn: wide ? '1 / -1' : undefined }}>
      <Typography component="dt" variant="caption" color="text.secondary">
        {translate(label)}
      </Typography>
      {/* body2, as react-admin's fields on the directory's show pages: one value type everywhere. */}
      <Typography
        component="dd"
        variant="body2"
        sx={{ m: 0, overflowWrap: 'break-word', whiteSpace: noWrap ? 'nowrap' : undefined }}
      >
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
