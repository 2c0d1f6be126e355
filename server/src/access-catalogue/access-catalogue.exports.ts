import { type CsvExport, label } from '../common/csv-export.js';
import {
  ACCESS_AREA_LIST,
  ACCESS_OPERATION_LIST,
  ACCESS_TEMPLATE_LIST,
  type AccessAreaItem,
  type AccessOperationItem,
  type AccessTemplateItem,
  LOCAL_SYSTEM_LIST,
  type LocalSystemItem,
  PROFESSION_LIST,
  type ProfessionItem,
  SYSTEM_ROLE_LIST,
  type SystemRoleItem,
} from './access-catalogue.service.js';
import type { Fulfilment } from './entities.js';

/* The catalogue grids' CSV exports (docs/design.md, CSV export): semicolons, BOM, Swedish headers. */

const FULFILMENT: Record<Fulfilment, string> = { MANUAL: 'Manuellt', SCIM: 'SCIM' };

export const LOCAL_SYSTEM_EXPORT: CsvExport<LocalSystemItem> = {
  spec: LOCAL_SYSTEM_LIST,
  fields: [
    'name',
    'owner',
    'fulfilment',
    'scimBaseUrl',
    'hasScimToken',
    'active',
    'roleCount',
    'description',
  ],
  fileName: 'lokala-och-regionala-system',
  columns: [
    { header: 'Namn', value: (r) => r.name },
    { header: 'Ägare', value: (r) => r.owner },
    { header: 'Utförs', value: label(FULFILMENT, (r: LocalSystemItem) => r.fulfilment) },
    { header: 'SCIM-adress', value: (r) => r.scimBaseUrl },
    { header: 'SCIM-token finns', value: (r) => r.hasScimToken },
    { header: 'Aktivt', value: (r) => r.active },
    { header: 'Roller', value: (r) => r.roleCount },
    { header: 'Beskrivning', value: (r) => r.description },
  ],
};

export const SYSTEM_ROLE_EXPORT: CsvExport<SystemRoleItem> = {
  spec: SYSTEM_ROLE_LIST,
  fields: ['systemName', 'name', 'scimGroup', 'description'],
  fileName: 'systemroller',
  columns: [
    { header: 'System', value: (r) => r.systemName },
    { header: 'Roll', value: (r) => r.name },
    { header: 'SCIM-grupp', value: (r) => r.scimGroup },
    { header: 'Beskrivning', value: (r) => r.description },
  ],
};

export const ACCESS_AREA_EXPORT: CsvExport<AccessAreaItem> = {
  spec: ACCESS_AREA_LIST,
  fields: ['name', 'operationCount', 'description'],
  fileName: 'områden',
  columns: [
    { header: 'Område', value: (r) => r.name },
    { header: 'Verksamheter', value: (r) => r.operationCount },
    { header: 'Beskrivning', value: (r) => r.description },
  ],
};

export const ACCESS_OPERATION_EXPORT: CsvExport<AccessOperationItem> = {
  spec: ACCESS_OPERATION_LIST,
  fields: ['areaName', 'name', 'headName', 'headUserId', 'templateCount', 'description'],
  fileName: 'verksamheter',
  columns: [
    { header: 'Område', value: (r) => r.areaName },
    { header: 'Verksamhet', value: (r) => r.name },
    { header: 'Ansvarig chef', value: (r) => r.headName },
    { header: 'Chefens VGR-ID', value: (r) => r.headUserId },
    { header: 'Behörighetsmallar', value: (r) => r.templateCount },
    { header: 'Beskrivning', value: (r) => r.description },
  ],
};

export const PROFESSION_EXPORT: CsvExport<ProfessionItem> = {
  spec: PROFESSION_LIST,
  fields: ['name', 'templateCount'],
  fileName: 'yrkeskategorier',
  columns: [
    { header: 'Yrkeskategori', value: (r) => r.name },
    { header: 'Behörighetsmallar', value: (r) => r.templateCount },
  ],
};

export const ACCESS_TEMPLATE_EXPORT: CsvExport<AccessTemplateItem> = {
  spec: ACCESS_TEMPLATE_LIST,
  fields: ['areaName', 'operationName', 'name', 'active', 'roles', 'professions', 'description'],
  fileName: 'behörighetsmallar',
  columns: [
    { header: 'Område', value: (r) => r.areaName },
    { header: 'Verksamhet', value: (r) => r.operationName },
    { header: 'Behörighetsmall', value: (r) => r.name },
    { header: 'Aktiv', value: (r) => r.active },
    { header: 'Roller', value: (r) => r.roles.map((role) => `${role.systemName}: ${role.name}`).join(', ') },
    { header: 'Yrkeskategorier', value: (r) => r.professions.map((p) => p.name).join(', ') },
    { header: 'Beskrivning', value: (r) => r.description },
  ],
};
