import { createHash } from 'node:crypto';

/**
 * The pages of BEH's own signing service. The one that posts the SignResponse back to the
 * requester submits itself by a script the page's own CSP admits by its hash, and may post only to
 * the requester's address (form-action); without script, the button does the same.
 */
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5}';
const SUBMIT = 'document.forms[0].submit();';
const SUBMIT_HASH = `'sha256-${createHash('sha256').update(SUBMIT).digest('base64')}'`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – BEH signeringstjänst</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

/** The page that takes the SignResponse back to the requester, and the CSP it needs. */
export function postBackPage(action: string, fields: Record<string, string>): { html: string; csp: string } {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const html = page(
    'Tillbaka till beställningen',
    `<h1>Signeringen skickas tillbaka</h1>
<form method="post" action="${escapeHtml(action)}">
${inputs}
<button type="submit">Fortsätt</button>
</form>
<script>${SUBMIT}</script>`,
  );
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${SUBMIT_HASH}; form-action ${new URL(action).origin}; base-uri 'none'; frame-ancestors 'none'`;
  return { html, csp };
}

/** A SignRequest or a sign-in the signing service could not use: nothing was signed. */
export function refusedPage(detail: string): string {
  return page(
    'Signeringen kunde inte göras',
    `<h1>Signeringen kunde inte göras</h1>
<p role="alert">${escapeHtml(detail)}</p>
<p>Stäng fönstret och börja om från beställningen.</p>`,
  );
}
