import { TablePagination } from '@mui/material';
import { useTranslate } from 'react-admin';

interface Props {
  total: number;
  /** 1-based. */
  page: number;
  perPage: number;
  sizes: number[];
  onPage: (page: number) => void;
  onPerPage: (perPage: number) => void;
  /** For a narrow column: no page size choice, and less padding. */
  compact?: boolean;
}

/** MUI's table paging in react-admin's words (Swedish "Rader per sida", "1–25 av 319"). */
export const Pager = ({ total, page, perPage, sizes, onPage, onPerPage, compact = false }: Props) => {
  const translate = useTranslate();
  return (
    <TablePagination
      component="div"
      count={total}
      page={total === 0 ? 0 : Math.min(page - 1, Math.max(0, Math.ceil(total / perPage) - 1))}
      rowsPerPage={perPage}
      rowsPerPageOptions={compact ? [] : sizes}
      sx={compact ? { '& .MuiTablePagination-toolbar': { px: 1 } } : undefined}
      onPageChange={(_event, next) => onPage(next + 1)}
      onRowsPerPageChange={(event) => onPerPage(Number(event.target.value))}
      labelRowsPerPage={translate('ra.navigation.page_rows_per_page')}
      labelDisplayedRows={({ from, to, count }) =>
        translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total: count })
      }
      getItemAriaLabel={(type) => translate(`ra.navigation.${type}`)}
    />
  );
};
