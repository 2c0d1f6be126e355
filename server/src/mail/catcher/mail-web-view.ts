import type { IncomingMessage, ServerResponse } from 'node:http';
import { escapeHtml as e } from '../templates/mail-layout.js';
import type { CaughtMail, MailCatcher } from './mail-catcher.js';

type Next = (error?: unknown) => void;

// The page itself runs no script and loads nothing; the mail's HTML is shown from its own
// address in a sandboxed frame, so whatever a mail contains cannot touch the portal.
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'; img-src data:";
// Framed by the catcher's own page: frame-ancestors 'self' (browsers then ignore the X-Frame-Options DENY every answer carries).
// Still no scripts, forms or same-origin access; links may open a new tab, outside the sandbox, as
// they do from a mail program: the portal refuses to be framed, so a link followed inside the frame
// would show nothing.
const MAIL_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';
const MAIL_HTML_CSP = `sandbox ${MAIL_SANDBOX}; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'`;

const STYLE = `body{font-family:system-ui,Arial,sans-serif;margin:24px;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #ddd}
tr:hover td{background:#f4f8fb}pre{white-space:pre-wrap;background:#f6f6f6;padding:12px}
iframe{width:100%;height:640px;border:1px solid #ccc}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dt{font-weight:600}.muted{color:#666}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>${e(title)}</title>
<style>${STYLE}</style></head><body>${body}</body></html>`;
}

function listPage(base: string, mails: readonly CaughtMail[]): string {
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${e(m.receivedAt.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }))}</td>` +
        `<td>${e(m.envelopeTo.join(', '))}</td><td><a href="${e(base)}/${m.id}">${e(m.subject || '(inget ämne)')}</a></td></tr>`,
    )
    .join('');
  return page(
    'Fångad e-post – BEH',
    `<h1>Fångad e-post</h1>
<p class="muted">Utvecklingsläge: e-post från portalen skickas hit i stället för till mottagarna. Nyast först; sidan visar det som fångats sedan servern startade.</p>
${mails.length ? `<table><thead><tr><th>Mottagen</th><th>Till</th><th>Ämne</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>Inga meddelanden ännu.</p>'}`,
  );
}

function mailPage(base: string, m: CaughtMail): string {
  return page(
    m.subject,
    `<p><a href="${e(base)}">← Alla meddelanden</a></p><h1>${e(m.subject || '(inget ämne)')}</h1>
<dl><dt>Från</dt><dd>${e(m.from)}</dd><dt>Till</dt><dd>${e(m.to)}</dd>
<dt>Kuvert till</dt><dd>${e(m.envelopeTo.join(', '))}</dd>
<dt>Mottagen</dt><dd>${e(m.receivedAt.toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }))}</dd></dl>
${m.html ? `<h2>HTML</h2><iframe title="Meddelandets HTML" sandbox="${MAIL_SANDBOX}" src="${e(base)}/${m.id}/html"></iframe>` : ''}
<h2>Text</h2><pre>${e(m.text)}</pre>`,
  );
}

/**
 * The mail's HTML with `<base target="_blank">` first in its head: "Öppna beställningen" opens the
 * portal in a tab of its own, as a mail program does, and not inside the catcher's frame.
 */
export function linksInNewTab(html: string): string {
  const base = '<base target="_blank">';
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head)
    return `${html.slice(0, head.index + head[0].length)}${base}${html.slice(head.index + head[0].length)}`;
  return `${base}${html}`;
}

function send(res: ServerResponse, status: number, type: string, body: string, csp = PAGE_CSP): void {
  res.statusCode = status;
  res.setHeader('Content-Type', `${type}; charset=utf-8`);
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  res.end(body);
}

/**
 * Connect-style handler for the catcher's web view, mounted at /mail: `/mail` lists the mails,
 * `/mail/<n>` shows one (text and HTML), `/mail/<n>/html` is its HTML alone and
 * `/mail/messages.json` all of them for scripts and browser tests.
 */
export function mailWebView(catcher: MailCatcher, base = '/mail') {
  return (req: IncomingMessage, res: ServerResponse, next: Next): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = (req.url ?? '/').split('?')[0]?.replace(/\/+$/, '') ?? '';
    if (path === '') return send(res, 200, 'text/html', listPage(base, catcher.list()));
    if (path === '/messages.json') return send(res, 200, 'application/json', JSON.stringify(catcher.list()));
    const match = /^\/(\d+)(\/html)?$/.exec(path);
    const mail = match ? catcher.get(Number(match[1])) : undefined;
    if (!mail) return send(res, 404, 'text/html', page('Hittades inte', '<p>Meddelandet finns inte.</p>'));
    if (match?.[2]) return send(res, 200, 'text/html', linksInNewTab(mail.html ?? ''), MAIL_HTML_CSP);
    return send(res, 200, 'text/html', mailPage(base, mail));
  };
}
