import { Chip } from '@mui/material';

export type StatusTone = 'success' | 'info' | 'warning' | 'error' | 'neutral';

/**
 * A status as a small outlined chip: the tone shows in the border, the text stays in the body
 * colour so that it keeps WCAG AA contrast (orange and light blue text on white do not).
 */
export const StatusChip = ({ label, tone }: { label: string; tone: StatusTone }) => (
  <Chip
    size="small"
    variant="outlined"
    label={label}
    sx={{
      color: 'text.primary',
      borderColor: tone === 'neutral' ? 'divider' : `${tone}.main`,
      borderWidth: 2,
    }}
  />
);
