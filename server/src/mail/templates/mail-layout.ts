/**
 * Every mail is described once as content (paragraphs, facts, one action link) and rendered
 * here to both plain text and HTML, so the two can never say different things and every value
 * reaches the HTML escaped.
 */
export interface MailContent {
  subject: string;
  /** Name for the greeting line; without it the mail opens with a neutral "Hej!". */
  recipientName?: string;
  paragraphs: string[];
  /** Label/value pairs shown as a small table (text: "Label: value" lines). */
  facts: [string, string][];
  /** A quoted text from a person, e.g. the attestant's reason for a rejection. */
  quote?: { label: string; text: string };
  action: { label: string; url: string };
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER =
  'Detta meddelande skickades automatiskt från Behörighetsbeställningsportalen (BEH). Svara inte på det.';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A subject is one header line: line breaks from data must not start new headers. */
function oneLine(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

export function renderMail(content: MailContent): RenderedMail {
  return { subject: oneLine(content.subject), text: renderText(content), html: renderHtml(content) };
}

function renderText(c: MailContent): string {
  const lines = [c.recipientName ? `Hej ${c.recipientName}!` : 'Hej!', ''];
  for (const paragraph of c.paragraphs) lines.push(paragraph, '');
  if (c.facts.length > 0) {
    for (const [label, value] of c.facts) lines.push(`${label}: ${value}`);
    lines.push('');
  }
  if (c.quote) {
    lines.push(`${c.quote.label}:`, ...c.quote.text.split(/\r?\n/).map((line) => `> ${line}`), '');
  }
  lines.push(`${c.action.label}: ${c.action.url}`, '', '-- ', FOOTER, '');
  return lines.join('\n');
}

function renderHtml(c: MailContent): string {
  const e = escapeHtml;
  const greeting = c.recipientName ? `Hej ${c.recipientName}!` : 'Hej!';
  const facts = c.facts.length
    ? `<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">${c.facts
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:2px 16px 2px 0;font-weight:600">${e(label)}</th>` +
            `<td style="padding:2px 0">${e(value)}</td></tr>`,
        )
        .join('')}</table>`
    : '';
  const quote = c.quote
    ? `<p style="margin:0 0 4px;font-weight:600">${e(c.quote.label)}</p>` +
      `<blockquote style="margin:0 0 16px;padding:8px 12px;border-left:4px solid #c8c8c8;white-space:pre-wrap">${e(c.quote.text)}</blockquote>`
    : '';
  return `<!DOCTYPE html>
<html lang="sv">
<head><meta charset="utf-8"><title>${e(oneLine(c.subject))}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;margin:0;padding:24px">
<p style="margin:0 0 16px">${e(greeting)}</p>
${c.paragraphs.map((p) => `<p style="margin:0 0 16px">${e(p)}</p>`).join('\n')}
${facts}
${quote}
<p style="margin:0 0 24px"><a href="${e(c.action.url)}" style="display:inline-block;background:#005a9c;color:#ffffff;padding:10px 18px;border-radius:4px;text-decoration:none">${e(c.action.label)}</a></p>
<p style="margin:0 0 24px;font-size:13px;color:#555">Fungerar inte knappen? Kopiera adressen till webbläsaren: ${e(c.action.url)}</p>
<hr style="border:none;border-top:1px solid #ddd">
<p style="font-size:12px;color:#555">${e(FOOTER)}</p>
</body>
</html>
`;
}
