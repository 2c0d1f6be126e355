import { type CsvExport, label } from '../common/csv-export.js';
import type { MailStatus } from './entities/mail-outbox.entity.js';
import { OUTBOX_LIST, type OutboxListItem } from './outbox.queries.js';

const STATUS: Record<MailStatus, string> = { PENDING: 'Väntar', SENT: 'Skickad', FAILED: 'Misslyckad' };

/** The outbox's CSV export (administrators): the grid's columns and the last error. */
export const OUTBOX_EXPORT: CsvExport<OutboxListItem> = {
  spec: OUTBOX_LIST,
  fields: ['createdAt', 'to', 'subject', 'status', 'attempts', 'sentAt', 'lastError'],
  fileName: 'utgående-e-post',
  columns: [
    { header: 'Skapad', value: (r) => r.createdAt },
    { header: 'Till', value: (r) => r.to },
    { header: 'Ämne', value: (r) => r.subject },
    { header: 'Status', value: label(STATUS, (r: OutboxListItem) => r.status) },
    { header: 'Försök', value: (r) => r.attempts },
    { header: 'Skickad', value: (r) => r.sentAt },
    { header: 'Senaste fel', value: (r) => r.lastError },
  ],
};
