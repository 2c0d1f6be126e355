/**
 * The page BEH answers a signing service's SignResponse with. The browser arrives by a cross-site
 * form post, with no SameSite=Strict session cookie and none on a redirect either; this page of
 * our own goes on to the signing window by its meta refresh (the page's CSP allows no script),
 * so that request is same-site and the window can read the request as its signer.
 */
import { escapeHtml, serverPage } from '../../common/server-page.js';

export function signResponsePage(outcome: { requestId?: string; problem?: string }): string {
  const window = outcome.requestId
    ? `/signing/${encodeURIComponent(outcome.requestId)}?returned=1`
    : undefined;
  const head =
    window && !outcome.problem ? `<meta http-equiv="refresh" content="0;url=${escapeHtml(window)}">` : '';
  const body = outcome.problem
    ? `<h1>Svaret från signeringstjänsten kunde inte användas</h1>
<p role="alert">${escapeHtml(outcome.problem)}</p>
${window ? `<p><a href="${escapeHtml(window)}">Tillbaka till signeringen</a></p>` : '<p>Stäng fönstret och börja om från beställningen.</p>'}`
    : `<h1>Signeringen är klar</h1>
<p><a href="${escapeHtml(window ?? '/')}">Fortsätt</a></p>`;
  return serverPage('Signering', body, head);
}
