import type { Logger } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { SMTPServer } from 'smtp-server';

/** One mail the catcher received, as the web view shows it. */
export interface CaughtMail {
  id: number;
  receivedAt: Date;
  /** SMTP envelope: who the mail was really sent to. */
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

/** Enough for a development session; the oldest mails fall out first. */
const KEEP = 500;

/**
 * The development mail catcher: an SMTP server on localhost that accepts every mail and keeps
 * it in memory, so `npm start` needs no mail server and the delivery worker runs exactly as in
 * production. smtp-server and mailparser are development dependencies and are loaded only
 * here, so a production install without them still starts.
 */
export class MailCatcher {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly mails: CaughtMail[],
  ) {}

  /**
   * Starts on `port` on 127.0.0.1; if that port is taken (another portal running), on a free
   * one instead: the portal sends to whichever port the catcher got.
   */
  static async start(port: number, logger?: Logger): Promise<MailCatcher> {
    const { SMTPServer } = await import('smtp-server');
    const { simpleParser } = await import('mailparser');
    const mails: CaughtMail[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: 10 * 1024 * 1024,
      logger: false,
      onData(stream, session, callback) {
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(stream)
          .then((parsed) => {
            keep(mails, {
              envelopeTo,
              from: parsed.from?.text ?? '',
              to: [parsed.to ?? []]
                .flat()
                .map((a) => a.text)
                .join(', '),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : null,
            });
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      },
    });
    // smtp-server re-emits its socket's errors on itself; without a listener they would crash the process.
    const listen = (p: number) =>
      new Promise<number>((resolve, reject) => {
        server.once('error', reject);
        server.listen(p, '127.0.0.1', () => {
          server.off('error', reject);
          resolve((server.server.address() as AddressInfo).port);
        });
      });
    let bound: number;
    try {
      bound = await listen(port);
    } catch (error) {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
      logger?.warn(`MAIL_CATCHER_SMTP_PORT ${port} is in use; the mail catcher takes a free port instead`);
      bound = await listen(0);
    }
    server.on('error', (error: Error) => logger?.warn(`Mail catcher: ${error.message}`));
    return new MailCatcher(server, bound, mails);
  }

  get smtpUrl(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Newest first. */
  list(): readonly CaughtMail[] {
    return [...this.mails].reverse();
  }

  get(id: number): CaughtMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function keep(mails: CaughtMail[], mail: Omit<CaughtMail, 'id' | 'receivedAt'>): void {
  mails.push({ id: (mails[mails.length - 1]?.id ?? 0) + 1, receivedAt: new Date(), ...mail });
  if (mails.length > KEEP) mails.splice(0, mails.length - KEEP);
}
