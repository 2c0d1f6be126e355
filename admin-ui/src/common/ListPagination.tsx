import { TablePagination } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';

/**
 * What a list's total is (the server's X-Total-Kind, passed on by the data provider as the
 * getList result's `meta.totalKind`): counted, the database's estimate, or "more than" the
 * count limit, in which case the total is that limit plus one.
 */
export type TotalKind = 'exact' | 'estimate' | 'at-least';

export const totalKindOf = (meta: unknown): TotalKind => {
  const kind =
    typeof meta === 'object' && meta !== null ? (meta as { totalKind?: unknown }).totalKind : undefined;
  return kind === 'estimate' || kind === 'at-least' ? kind : 'exact';
};

/** "1 234", "ca 1 000 000" or "fler än 10 000": the total as honestly as it is known. */
export function useTotalText(): ((total: number) => string) & { kind: TotalKind } {
  const translate = useTranslate();
  const { meta } = useListContext();
  const kind = totalKindOf(meta);
  const text = (total: number) => {
    const shown = kind === 'at-least' ? total - 1 : total;
    return translate(`beh.list.total.${kind}`, { total: shown.toLocaleString('sv-SE') });
  };
  return Object.assign(text, { kind });
}

interface Props {
  rowsPerPageOptions?: number[];
}

/**
 * The grids' paging: react-admin's, except that the total says whether it is counted ("1–25 av
 * 1 234"), estimated ("av ca 1 000 000") or only known to be more than the count limit ("av fler
 * än 10 000"); only a counted total offers a jump to the last page. A page past the server's
 * paging limit is refused with its message, which react-admin shows.
 */
export const ListPagination = ({ rowsPerPageOptions = [10, 25, 50, 100] }: Props) => {
  const translate = useTranslate();
  const totalText = useTotalText();
  const { total, page, perPage, setPage, setPerPage, isPending } = useListContext();
  if (isPending || total === undefined || total === 0) return null;
  const lastPage = Math.max(0, Math.ceil(total / perPage) - 1);
  return (
    <TablePagination
      component="div"
      count={total}
      page={Math.min(page - 1, lastPage)}
      rowsPerPage={perPage}
      rowsPerPageOptions={rowsPerPageOptions}
      onPageChange={(_event, next) => setPage(next + 1)}
      onRowsPerPageChange={(event) => setPerPage(Number(event.target.value))}
      showFirstButton
      showLastButton={totalText.kind === 'exact'}
      labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
      labelDisplayedRows={({ from, to }) =>
        translate('beh.list.range', { from, to, total: totalText(total) })
      }
      getItemAriaLabel={(type) => translate(`ra.navigation.${type}`)}
      data-testid="list-pagination"
    />
  );
};
