import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { listenBelowEphemeral } from './stable-port.js';

export interface SunkMail {
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
}

/**
 * A real SMTP server for tests: receives what the portal sends, can be stopped and started
 * again on the same port (an SMTP outage), and can refuse recipients like a server that says
 * 550. Mails are parsed so tests read subject, text and HTML as a mail client would.
 */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  /** When set, every RCPT TO is answered with this permanent refusal. */
  refuseWith: string | undefined;
  private server: SMTPServer | undefined;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens on the port it had before (or, the first time, one drawn by listenBelowEphemeral). */
  async start(): Promise<void> {
    if (this.port !== 0) return this.listen(this.port);
    await listenBelowEphemeral((port) => this.listen(port));
  }

  private async listen(port: number): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        if (!this.refuseWith) return callback();
        const error = Object.assign(new Error(this.refuseWith), { responseCode: 550 });
        callback(error);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.mails.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              messageId: parsed.messageId ?? '',
            });
            callback();
          })
          .catch((error: unknown) => callback(error as Error));
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
