import type { CsvExport } from '../common/csv-export.js';
import { label } from '../common/csv-export.js';
import { maskPassportNumber, maskPersonnummer } from '../common/personnummer.js';
import type { AssignmentItem, SystemItem } from './assignments.service.js';
import { ASSIGNMENT_LIST, SYSTEM_LIST } from './assignments.service.js';
import type { CareUnitItem } from './care-units.service.js';
import { CARE_UNIT_LIST } from './care-units.service.js';
import type { AssignmentKind } from './entities/assignment.entity.js';
import type { Purpose } from './entities/base.js';
import type { ProviderKind } from './entities/care-provider.entity.js';
import type { AdministrationItem, CareProviderItem } from './organisation.service.js';
import { ADMINISTRATION_LIST, PROVIDER_LIST } from './organisation.service.js';
import { PERSON_LIST, type PersonRow } from './persons.queries.js';

/*
 * The directory grids' CSV exports (docs/design.md, CSV export): the columns, Swedish headers and
 * value forms the admin UI's exporters had, so a file looks as before, only whole.
 */

const PURPOSE: Record<Purpose, string> = {
  CARE_AND_TREATMENT: 'Vård och behandling',
  QUALITY_ASSURANCE: 'Kvalitetssäkring',
  ADMINISTRATION: 'Administration',
  STATISTICS: 'Statistik',
};

const ASSIGNMENT_KIND: Record<AssignmentKind, string> = {
  GENERAL: 'Generellt uppdrag',
  SPECIAL: 'Särskilt uppdrag',
};

const PROVIDER_KIND: Record<ProviderKind, string> = { REGIONAL: 'Regional', PRIVATE: 'Privat' };

/**
 * Persons as the list shows them: the personnummer (1985xxxx-xxxx) and passport number
 * (ABxxxxxxx) masked, no administrator flag. The controller sets the reader's visibility
 * (personList: protected identities for administrators only).
 */
export const PERSON_EXPORT: CsvExport<PersonRow> = {
  spec: PERSON_LIST,
  fields: [
    'firstName',
    'lastName',
    'userId',
    'hsaId',
    'personnummer',
    'passportNumber',
    'title',
    'email',
    'organisation',
    'active',
  ],
  fileName: 'personer',
  columns: [
    { header: 'Förnamn', value: (r) => r.firstName },
    { header: 'Efternamn', value: (r) => r.lastName },
    { header: 'VGR-ID', value: (r) => r.userId },
    { header: 'HSA-id', value: (r) => r.hsaId },
    { header: 'Personnummer', value: (r) => maskPersonnummer(r.personnummer) },
    { header: 'Passnummer', value: (r) => maskPassportNumber(r.passportNumber) },
    { header: 'Titel', value: (r) => r.title },
    { header: 'E-post', value: (r) => r.email },
    { header: 'Organisation', value: (r) => r.organisation },
    { header: 'Aktiv', value: (r) => r.active },
  ],
};

export const CARE_UNIT_EXPORT: CsvExport<CareUnitItem> = {
  spec: CARE_UNIT_LIST,
  fields: [
    'name',
    'hsaId',
    'administrationName',
    'careProviderName',
    'careProviderKind',
    'headOfUnitName',
    'activeStaff',
  ],
  fileName: 'vårdenheter',
  columns: [
    { header: 'Namn', value: (r) => r.name },
    { header: 'HSA-id', value: (r) => r.hsaId },
    { header: 'Förvaltning', value: (r) => r.administrationName },
    { header: 'Vårdgivare', value: (r) => r.careProviderName },
    { header: 'Typ av vårdgivare', value: label(PROVIDER_KIND, (r: CareUnitItem) => r.careProviderKind) },
    { header: 'Verksamhetschef', value: (r) => r.headOfUnitName },
    { header: 'Aktiva medarbetare', value: (r) => r.activeStaff },
  ],
};

export const ASSIGNMENT_EXPORT: CsvExport<AssignmentItem> = {
  spec: ASSIGNMENT_LIST,
  fields: [
    'careUnitName',
    'name',
    'hsaId',
    'kind',
    'purpose',
    'privateProviderOnly',
    'memberCount',
    'description',
  ],
  fileName: 'uppdrag',
  columns: [
    { header: 'Vårdenhet', value: (r) => r.careUnitName },
    { header: 'Uppdrag', value: (r) => r.name },
    { header: 'HSA-id', value: (r) => r.hsaId },
    { header: 'Typ', value: label(ASSIGNMENT_KIND, (r: AssignmentItem) => r.kind) },
    { header: 'Syfte', value: label(PURPOSE, (r: AssignmentItem) => r.purpose) },
    { header: 'Endast privat vårdgivare', value: (r) => r.privateProviderOnly },
    { header: 'Innehavare', value: (r) => r.memberCount },
    { header: 'Beskrivning', value: (r) => r.description },
  ],
};

export const SYSTEM_EXPORT: CsvExport<SystemItem> = {
  spec: SYSTEM_LIST,
  fields: ['systemName', 'useCase', 'purpose', 'assignmentName', 'note'],
  fileName: 'systemguide',
  columns: [
    { header: 'System', value: (r) => r.systemName },
    { header: 'Användning', value: (r) => r.useCase },
    { header: 'Syfte', value: label(PURPOSE, (r: SystemItem) => r.purpose) },
    { header: 'Uppdrag som behövs', value: (r) => r.assignmentName },
    { header: 'Kommentar', value: (r) => r.note },
  ],
};

export const CARE_PROVIDER_EXPORT: CsvExport<CareProviderItem> = {
  spec: PROVIDER_LIST,
  fields: ['name', 'hsaId', 'kind'],
  fileName: 'vårdgivare',
  columns: [
    { header: 'Namn', value: (r) => r.name },
    { header: 'HSA-id', value: (r) => r.hsaId },
    { header: 'Typ', value: label(PROVIDER_KIND, (r: CareProviderItem) => r.kind) },
  ],
};

export const ADMINISTRATION_EXPORT: CsvExport<AdministrationItem> = {
  spec: ADMINISTRATION_LIST,
  fields: ['code', 'name', 'careProviderName', 'headPersonName'],
  fileName: 'förvaltningar',
  columns: [
    { header: 'Kod', value: (r) => r.code },
    { header: 'Namn', value: (r) => r.name },
    { header: 'Vårdgivare', value: (r) => r.careProviderName },
    { header: 'Förvaltningschef', value: (r) => r.headPersonName },
  ],
};
