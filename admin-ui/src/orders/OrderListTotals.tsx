import { Typography } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { useTotalText } from '../common/ListPagination';

/**
 * "Totalt 49 st. Sida 1 av 4.", above the grid as in the seeds; "Totalt ca 1 000 000 st. Sida 1."
 * or "Totalt fler än 10 000 st. Sida 1." when the server estimated the total or stopped counting.
 */
export const OrderListTotals = () => {
  const translate = useTranslate();
  const totalText = useTotalText();
  const { total, page, perPage, isPending } = useListContext();
  if (isPending || total === undefined) return null;
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <Typography variant="body2" sx={{ px: 2, py: 1 }} role="status" data-testid="order-totals">
      {totalText.kind === 'exact'
        ? translate('beh.orders.totals', { total, page, pages })
        : translate('beh.orders.totalsUncounted', { total: totalText(total), page })}
    </Typography>
  );
};
