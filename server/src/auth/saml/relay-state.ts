/**
 * RelayState comes back from the IdP through the browser and is therefore untrusted: it may only
 * ever name a path inside the portal. Anything else becomes the start page.
 *
 * Refused: not starting with a single `/` (so no scheme and no `//host`), any backslash (browsers
 * read `/\host` as `//host`), any control character or whitespace (browsers drop tabs and
 * newlines from URLs, which could join `/` `\t/host` into `//host`), and over-long values.
 */
export function safeRelayState(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 1024) return '/';
  if (!raw.startsWith('/') || raw.startsWith('//')) return '/';
  if (
    raw.includes('\\') ||
    /\s/.test(raw) ||
    [...raw].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')
  ) {
    return '/';
  }
  let parsed: URL;
  try {
    parsed = new URL(raw, 'https://portal.invalid');
  } catch {
    return '/';
  }
  if (parsed.origin !== 'https://portal.invalid') return '/';
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
