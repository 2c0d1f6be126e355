import type { CsvExport } from '../common/csv-export.js';
import { AUDIT_LIST } from './audit.queries.js';
import type { AuditEventView } from './audit.service.js';

/**
 * The audit log's CSV export (administrators): number, time, who (the actor's id, "Systemet" for
 * the system's own events), and the action and entity type as stored, the codes an auditor
 * searches for; before/after stay in the event's own view.
 */
export const AUDIT_EXPORT: CsvExport<AuditEventView> = {
  spec: AUDIT_LIST,
  fields: ['id', 'at', 'actorId', 'action', 'entityType', 'entityId', 'hash'],
  fileName: 'händelselogg',
  columns: [
    { header: 'Nr', value: (r) => r.id },
    { header: 'Tid', value: (r) => r.at },
    { header: 'Vem', value: (r) => r.actorId ?? 'Systemet' },
    { header: 'Händelse', value: (r) => r.action },
    { header: 'Typ', value: (r) => r.entityType },
    { header: 'Id', value: (r) => r.entityId },
    { header: 'Hash', value: (r) => r.hash },
  ],
};
