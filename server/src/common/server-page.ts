/**
 * The small HTML pages the server answers with itself, outside the UI: where a browser arrives by a
 * cross-site form post (the SAML assertion consumer, a signing service's answer, BEH's own signing
 * service). One look for all of them; their CSP allows their own inline style.
 */
export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** `title` is text (escaped here); `body` and `head` are HTML the caller has escaped. */
export function serverPage(title: string, body: string, head = '', site = 'BEH'): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(site)}</title>${head}
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
