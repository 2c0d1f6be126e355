/** Two columns of inputs on wide screens, one on narrow ones. */
export const fieldGrid = {
  display: 'grid',
  gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' },
  columnGap: 2,
  width: '100%',
  maxWidth: 900,
} as const;
