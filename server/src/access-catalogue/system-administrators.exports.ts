import type { CsvExport } from '../common/csv-export.js';
import { SYSTEM_ADMINISTRATOR_LIST, type SystemAdministratorItem } from './system-administrators.service.js';

/** The grid "Systemadministratörer" as CSV (docs/design.md, CSV export). */
export const SYSTEM_ADMINISTRATOR_EXPORT: CsvExport<SystemAdministratorItem> = {
  spec: SYSTEM_ADMINISTRATOR_LIST,
  fields: ['systemName', 'personName', 'personUserId', 'personHsaId', 'createdAt'],
  fileName: 'systemadministratörer',
  columns: [
    { header: 'System', value: (r) => r.systemName },
    { header: 'Namn', value: (r) => r.personName },
    { header: 'VGR-ID', value: (r) => r.personUserId },
    { header: 'HSA-id', value: (r) => r.personHsaId },
    { header: 'Tillagd', value: (r) => r.createdAt },
  ],
};
