import DownloadIcon from '@mui/icons-material/GetApp';
import type { ReactNode } from 'react';
import {
  Button,
  CreateButton,
  FilterButton,
  TopToolbar,
  useFilterContext,
  useListContext,
  useResourceDefinition,
} from 'react-admin';
import { API_URL } from './http';

/**
 * The server's CSV of a list under these filter and sort: `GET /api/<resource>/export`, the same
 * filter and sort JSON as the list (docs/design.md, CSV export).
 */
export function exportUrl(
  resource: string,
  filterValues: Record<string, unknown>,
  sort: { field: string; order: string } | undefined,
): string {
  const query = new URLSearchParams({ filter: JSON.stringify(filterValues ?? {}) });
  if (sort?.field) query.set('sort', JSON.stringify([sort.field, sort.order]));
  return `${API_URL}/${resource}/export?${query.toString()}`;
}

/** Saves the file at `url` as the browser saves any download: streamed to disk, not into the page. */
function download(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = '';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * "Exportera": downloads every row of the list as the server writes it (CSV, semicolons, BOM), for
 * the current filter and sort. A same-origin GET, so the session cookie goes with it (a GET needs
 * no CSRF token); nothing is fetched into the page, and there is no 1,000-row cap as with
 * react-admin's own export.
 */
export const ServerExportButton = () => {
  const { resource, filterValues, sort, total } = useListContext();
  return (
    <Button
      label="ra.action.export"
      onClick={() => download(exportUrl(resource, filterValues, sort))}
      disabled={total === 0}
    >
      <DownloadIcon />
    </Button>
  );
};

/** A list's top toolbar as react-admin's default one, with the server's export. */
export const ServerExportActions = ({ children }: { children?: ReactNode }) => {
  const filters = useFilterContext();
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      {filters && filters.length > 0 && <FilterButton />}
      {hasCreate && <CreateButton />}
      {children}
      <ServerExportButton />
    </TopToolbar>
  );
};
