import { API_URL } from '../common/http';

/**
 * Saves the server's CSV at `/api/<resource>/export` with this filter and sort, as a browser
 * saves any download (a same-origin GET, the session cookie with it; no CSRF token needed).
 */
export function downloadCsv(
  resource: string,
  filter: Record<string, unknown> | undefined,
  sort?: { field: string; order: string },
): void {
  const query = new URLSearchParams();
  if (filter) query.set('filter', JSON.stringify(filter));
  if (sort?.field) query.set('sort', JSON.stringify([sort.field, sort.order]));
  const link = document.createElement('a');
  link.href = `${API_URL}/${resource}/export?${query.toString()}`;
  link.download = '';
  document.body.appendChild(link);
  link.click();
  link.remove();
}
