import type { CsvExport } from '../common/csv-export.js';
import { AUDITOR_LIST, type AuditorItem } from './auditors.service.js';

/** The grid "Revisorer" as CSV (docs/design.md, CSV export). */
export const AUDITOR_EXPORT: CsvExport<AuditorItem> = {
  spec: AUDITOR_LIST,
  fields: ['personName', 'personUserId', 'personHsaId', 'assignedByName', 'assignedAt'],
  fileName: 'revisorer',
  columns: [
    { header: 'Namn', value: (r) => r.personName },
    { header: 'VGR-ID', value: (r) => r.personUserId },
    { header: 'HSA-id', value: (r) => r.personHsaId },
    { header: 'Tillagd av', value: (r) => r.assignedByName },
    { header: 'Tillagd', value: (r) => r.assignedAt },
  ],
};
