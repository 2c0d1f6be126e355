import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import nodemailer from 'nodemailer';
import request from 'supertest';
import { MailCatcher } from '../../server/src/mail/catcher/mail-catcher.js';
import { mailWebView } from '../../server/src/mail/catcher/mail-web-view.js';

/** The development catcher on its own: real SMTP in, the /mail web view out. */
describe('development mail catcher', () => {
  let catcher: MailCatcher;
  let web: Server;

  beforeAll(async () => {
    catcher = await MailCatcher.start(0);
    const view = mailWebView(catcher);
    // Mounted under /mail as express does it: the handler sees the path below the mount point.
    web = createServer((req, res) => {
      if (!req.url?.startsWith('/mail')) {
        res.statusCode = 404;
        return res.end('portal');
      }
      req.url = req.url.slice('/mail'.length) || '/';
      view(req, res, () => {
        res.statusCode = 405;
        res.end();
      });
    });
    const transport = nodemailer.createTransport({ url: catcher.smtpUrl });
    for (const [subject, html] of [
      ['Beställning BEH0000001 väntar på din attest', '<p>Första <b>brevet</b></p><script>alert(1)</script>'],
      ['Beställning BEH0000002 är utförd', undefined],
    ] as const) {
      await transport.sendMail({
        from: 'BEH <no-reply@beh.localhost>',
        to: 'Sara Berg <sara.berg@vgr.example>',
        subject,
        text: `Hej Sara Berg!\n\n${subject}.\n`,
        html,
      });
    }
    transport.close();
  });
  afterAll(async () => {
    await catcher.stop();
    web.close();
  });

  it('lists caught mail newest first', async () => {
    const res = await request(web).get('/mail').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    const second = res.text.indexOf('BEH0000002');
    const first = res.text.indexOf('BEH0000001');
    expect(second).toBeGreaterThan(-1);
    expect(first).toBeGreaterThan(second);
    expect(res.text).toContain('href="/mail/1"');
    const json = await request(web).get('/mail/messages.json').expect(200);
    expect(json.body.map((m: { subject: string }) => m.subject)).toEqual([
      'Beställning BEH0000002 är utförd',
      'Beställning BEH0000001 väntar på din attest',
    ]);
    expect(json.body[0].envelopeTo).toEqual(['sara.berg@vgr.example']);
  });

  it('shows one mail with its text and its HTML in a sandboxed frame', async () => {
    const page = await request(web).get('/mail/1').expect(200);
    expect(page.text).toContain('Hej Sara Berg!');
    expect(page.text).toMatch(/Sara Berg(&quot;)? &lt;sara\.berg@vgr\.example&gt;/);
    expect(page.text).toMatch(/<iframe[^>]*sandbox[^>]*src="\/mail\/1\/html"/);
    const html = await request(web).get('/mail/1/html').expect(200);
    // Sandboxed still (no scripts, forms or same origin); its links open a tab of their own.
    expect(html.headers['content-security-policy']).toMatch(
      /^sandbox allow-popups allow-popups-to-escape-sandbox;/,
    );
    expect(page.text).toMatch(/<iframe[^>]*sandbox="allow-popups allow-popups-to-escape-sandbox"/);
    expect(html.text).toMatch(/^<base target="_blank">|<head[^>]*><base target="_blank">/);
    expect(html.text).toContain('<b>brevet</b>');
    const textOnly = await request(web).get('/mail/2').expect(200);
    expect(textOnly.text).not.toContain('<iframe');
    await request(web).get('/mail/99').expect(404);
  });

  it('takes a free port when the configured one is busy', async () => {
    const blocker = createTcpServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const busy = (blocker.address() as { port: number }).port;
    const other = await MailCatcher.start(busy);
    try {
      expect(other.port).not.toBe(busy);
      expect(other.smtpUrl).toBe(`smtp://127.0.0.1:${other.port}`);
    } finally {
      await other.stop();
      blocker.close();
    }
  });
});
