import { createHash } from 'node:crypto';
import { escapeHtml, serverPage } from '../common/server-page.js';

/**
 * The pages of BEH's own signing service. The one that posts the SignResponse back to the
 * requester submits itself by a script the page's own CSP admits by its hash, and may post only to
 * the requester's address (form-action); without script, the button does the same.
 */
const SUBMIT = 'document.forms[0].submit();';
const SUBMIT_HASH = `'sha256-${createHash('sha256').update(SUBMIT).digest('base64')}'`;

const page = (title: string, body: string) => serverPage(title, body, '', 'BEH signeringstjänst');

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
