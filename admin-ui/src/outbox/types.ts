/** The outbox as `GET /api/outbox` returns it (server/src/mail/outbox.queries.ts). */
import type { RaRecord } from 'react-admin';

export type MailStatus = 'PENDING' | 'SENT' | 'FAILED';
export const MAIL_STATUSES: readonly MailStatus[] = ['PENDING', 'SENT', 'FAILED'];

export interface OutboxMail extends RaRecord {
  to: string | null;
  subject: string;
  template: string;
  relatedType: string | null;
  relatedId: string | null;
  status: MailStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** The single-mail view adds the bodies. */
export interface OutboxMailDetail extends OutboxMail {
  text: string;
  html: string;
}
