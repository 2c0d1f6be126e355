import { Typography } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';

/** "Totalt 49 st. Sida 1 av 4.", above the grid as in the seeds. */
export const OrderListTotals = () => {
  const translate = useTranslate();
  const { total, page, perPage, isPending } = useListContext();
  if (isPending || total === undefined) return null;
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <Typography variant="body2" sx={{ px: 2, py: 1 }} role="status" data-testid="order-totals">
      {translate('beh.orders.totals', { total, page, pages })}
    </Typography>
  );
};
