/** The outbox as `GET /api/outbox` returns it: the server's own description (src/api/schema.d.ts). */
import type { components } from '../api/schema';

type Schemas = components['schemas'];

export type MailStatus = Schemas['MailStatus'];
/** The filter's choices, in the order the list offers them. */
export const MAIL_STATUSES: readonly MailStatus[] = ['PENDING', 'SENT', 'FAILED'];

export type OutboxMail = Schemas['OutboxListItem'];
/** The single-mail view adds the bodies. */
export type OutboxMailDetail = Schemas['OutboxMail'];
