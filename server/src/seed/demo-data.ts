import type { Purpose } from '../directory/entities/base.js';
import type { AssignmentKind } from '../directory/entities/assignment.entity.js';
import type { ProviderKind } from '../directory/entities/care-provider.entity.js';

export interface ProviderSeed {
  key: string;
  hsaId: string;
  name: string;
  kind: ProviderKind;
}
export interface AdministrationSeed {
  code: string;
  name: string;
  provider: string;
  /** The förvaltningschef (a persona's VGR-ID): gets the access reviews' escalation for its units. */
  head?: string;
}
export interface UnitSeed {
  key: string;
  hsaId: string;
  name: string;
  administration: string;
  costCentre: string;
  /** VGR-ID of the head of unit; units without one get a generated head. */
  head?: string;
}

export const PROVIDERS: ProviderSeed[] = [
  { key: 'vgr', hsaId: 'SE2321000131-E000000000001', name: 'Västra Götalandsregionen', kind: 'REGIONAL' },
  { key: 'privat', hsaId: 'SE5568123456-E000000000001', name: 'Hälsoakuten Väst AB', kind: 'PRIVATE' },
];

export const ADMINISTRATIONS: AdministrationSeed[] = [
  { code: 'NH', name: 'Närhälsan', provider: 'vgr', head: 'karlu1' },
  { code: 'SU', name: 'Sahlgrenska Universitetssjukhuset', provider: 'vgr' },
  { code: 'SKAS', name: 'Skaraborgs Sjukhus', provider: 'vgr' },
  { code: 'KSD', name: 'Koncernstab digitalisering', provider: 'vgr' },
  { code: 'HAV', name: 'Hälsoakuten Väst', provider: 'privat' },
];

export const UNITS: UnitSeed[] = [
  {
    key: 'solglantan',
    hsaId: 'SE2321000131-E000000000101',
    name: 'Vårdcentralen Solgläntan',
    administration: 'NH',
    costCentre: 'N41100',
    head: 'karlu1',
  },
  {
    key: 'avd12',
    hsaId: 'SE2321000131-E000000000102',
    name: 'Avdelning 12 Medicin',
    administration: 'SU',
    costCentre: 'S12100',
    head: 'karlu1',
  },
  {
    key: 'norrby',
    hsaId: 'SE2321000131-E000000000103',
    name: 'Vårdcentralen Norrby',
    administration: 'NH',
    costCentre: 'N42200',
  },
  {
    key: 'kallan',
    hsaId: 'SE2321000131-E000000000104',
    name: 'Vårdcentralen Källan',
    administration: 'NH',
    costCentre: 'N43300',
  },
  {
    key: 'akuten',
    hsaId: 'SE2321000131-E000000000105',
    name: 'Akutmottagning Sahlgrenska',
    administration: 'SU',
    costCentre: 'S10500',
  },
  {
    key: 'avd34',
    hsaId: 'SE2321000131-E000000000106',
    name: 'Avdelning 34 Kirurgi',
    administration: 'SU',
    costCentre: 'S34600',
  },
  {
    key: 'ortoped',
    hsaId: 'SE2321000131-E000000000107',
    name: 'Ortopedmottagning Skövde',
    administration: 'SKAS',
    costCentre: 'K20700',
  },
  {
    key: 'barn',
    hsaId: 'SE2321000131-E000000000108',
    name: 'Barnmottagning Lidköping',
    administration: 'SKAS',
    costCentre: 'K30800',
  },
  {
    key: 'sparr',
    hsaId: 'SE2321000131-E000000000109',
    name: 'VE Spärr- och Loggservice',
    administration: 'KSD',
    costCentre: 'W77100',
  },
  {
    key: 'privat',
    hsaId: 'SE5568123456-E000000000110',
    name: 'Hälsoakuten Väst Vårdenhet',
    administration: 'HAV',
    costCentre: 'P00110',
  },
];

/** Every care unit's catalogue (seeds/000: one general and three special assignments). */
export const CATALOGUE: {
  name: string;
  purpose: Purpose;
  kind: AssignmentKind;
  privateProviderOnly: boolean;
  /** "Kräver behörighet i lokala eller regionala system" (issue 14). */
  requiresLocalAccess: boolean;
  description: string;
}[] = [
  {
    name: 'VoB SJF',
    purpose: 'CARE_AND_TREATMENT',
    kind: 'GENERAL',
    privateProviderOnly: false,
    requiresLocalAccess: false,
    description: 'Vård och behandling med sammanhållen journalföring. Krävs för Pascal och NPÖ.',
  },
  {
    name: 'Administration Spärr & Logg',
    purpose: 'ADMINISTRATION',
    kind: 'SPECIAL',
    privateProviderOnly: true,
    requiresLocalAccess: false,
    description:
      'Administration av spärrar och loggar. Beställs enbart till privat vårdgivare som administrerar spärr och logg.',
  },
  {
    name: 'Kvalitetssäkring',
    purpose: 'QUALITY_ASSURANCE',
    kind: 'SPECIAL',
    privateProviderOnly: false,
    requiresLocalAccess: true,
    description:
      'Kvalitetssäkring, t.ex. registerutdrag och uppföljning av postoperativa infektioner i Infektionsverktyget.',
  },
  {
    name: 'Statistik VE',
    purpose: 'STATISTICS',
    kind: 'SPECIAL',
    privateProviderOnly: false,
    requiresLocalAccess: false,
    description: 'Statistikuttag vid aktuell vårdenhet, t.ex. i statistikverktyget för intygstjänsten.',
  },
];

export interface PersonaSeed {
  userId: string;
  hsaId: string;
  firstName: string;
  lastName: string;
  title: string;
  birthDate: string | null;
  serial: number;
  passportNumber?: string;
  isAdministrator?: boolean;
  unit: string;
  engagementFrom: string;
  engagementTo?: string;
  holds?: { unit: string; assignment: string; from: string }[];
}

/**
 * The demo personas of docs/domain.md, with exactly these ids; what each demonstrates is told on
 * the development sign-in page (auth/dev-personas.ts).
 */
export const PERSONAS: PersonaSeed[] = [
  {
    userId: 'admin1',
    hsaId: 'SE2321000131-P000000000001',
    firstName: 'Alva',
    lastName: 'Adminsson',
    title: 'Systemförvaltare',
    birthDate: '19800214',
    serial: 102,
    isAdministrator: true,
    unit: 'sparr',
    engagementFrom: '2018-01-01',
  },
  {
    userId: 'karlu1',
    hsaId: 'SE2321000131-P000000000101',
    firstName: 'Karin',
    lastName: 'Lund',
    title: 'Verksamhetschef',
    birthDate: '19720523',
    serial: 224,
    unit: 'solglantan',
    engagementFrom: '2015-03-01',
  },
  {
    userId: 'eriho2',
    hsaId: 'SE2321000131-P000000000102',
    firstName: 'Erik',
    lastName: 'Holm',
    title: 'Enhetschef',
    birthDate: '19810930',
    serial: 335,
    unit: 'solglantan',
    engagementFrom: '2019-08-15',
  },
  {
    userId: 'sarbe3',
    hsaId: 'SE2321000131-P000000000103',
    firstName: 'Sara',
    lastName: 'Berg',
    title: 'Administratör',
    birthDate: '19880111',
    serial: 442,
    unit: 'solglantan',
    engagementFrom: '2020-02-01',
  },
  {
    userId: 'nilbo4',
    hsaId: 'SE2321000131-P000000000104',
    firstName: 'Nils',
    lastName: 'Boström',
    title: 'Sjuksköterska',
    birthDate: '19930704',
    serial: 557,
    unit: 'solglantan',
    engagementFrom: '2022-09-01',
  },
  {
    userId: 'linma5',
    hsaId: 'SE2321000131-P000000000105',
    firstName: 'Linda Maria',
    lastName: 'Svensson',
    title: 'Undersköterska',
    birthDate: '19900318',
    serial: 662,
    unit: 'solglantan',
    engagementFrom: '2021-01-10',
    holds: [{ unit: 'solglantan', assignment: 'VoB SJF', from: '2021-02-01' }],
  },
  {
    userId: 'majoh6',
    hsaId: 'SE2321000131-P000000000106',
    firstName: 'Maja',
    lastName: 'Johansson',
    title: 'Läkare',
    birthDate: '19850826',
    serial: 784,
    unit: 'solglantan',
    engagementFrom: '2017-06-01',
    engagementTo: '2025-12-31',
    holds: [{ unit: 'solglantan', assignment: 'VoB SJF', from: '2017-06-01' }],
  },
  {
    userId: 'ahmal7',
    hsaId: 'SE2321000131-P000000000107',
    firstName: 'Ahmad',
    lastName: 'Ali',
    title: 'Läkare',
    birthDate: null,
    serial: 0,
    passportNumber: 'PA1234567',
    unit: 'avd12',
    engagementFrom: '2024-05-01',
  },
  {
    userId: 'petny8',
    hsaId: 'SE2321000131-P000000000108',
    firstName: 'Petra',
    lastName: 'Nyberg',
    title: 'Vårdadministratör',
    birthDate: '19791201',
    serial: 893,
    unit: 'privat',
    engagementFrom: '2023-04-01',
  },
];

export interface DelegationSeed {
  delegate: string;
  /** The care unit's key, or for a verksamhet `operation:<its name>`. */
  unit: string;
  grantor: string;
  rights: ('ORDER' | 'ATTEST')[];
  validFrom: string;
}

/** The demo delegations of domain.md: granted by the head of Solgläntan, until further notice. */
export const DELEGATIONS: DelegationSeed[] = [
  {
    delegate: 'eriho2',
    unit: 'solglantan',
    grantor: 'karlu1',
    rights: ['ORDER', 'ATTEST'],
    validFrom: '2026-01-01',
  },
  { delegate: 'sarbe3', unit: 'solglantan', grantor: 'karlu1', rights: ['ATTEST'], validFrom: '2026-01-01' },
  // The same two for the verksamhet karlu1 heads, so that seeds/001's combined order (Kvalitetssäkring
  // at Solgläntan with Ksd-personal under Identitet och behörighet) can be ordered and attested.
  {
    delegate: 'eriho2',
    unit: 'operation:Identitet och behörighet',
    grantor: 'karlu1',
    rights: ['ORDER', 'ATTEST'],
    validFrom: '2026-01-01',
  },
  {
    delegate: 'sarbe3',
    unit: 'operation:Identitet och behörighet',
    grantor: 'karlu1',
    rights: ['ATTEST'],
    validFrom: '2026-01-01',
  },
];

/** The systems guide: domain.md rule 10 and seeds/001's table. */
export const SYSTEM_GUIDE: {
  systemName: string;
  useCase: string;
  purpose: Purpose;
  assignmentName: string;
  note: string | null;
}[] = [
  { systemName: 'Pascal', useCase: '', purpose: 'CARE_AND_TREATMENT', assignmentName: 'VoB SJF', note: null },
  {
    systemName: 'NPÖ (nationell patientöversikt)',
    useCase: '',
    purpose: 'CARE_AND_TREATMENT',
    assignmentName: 'VoB SJF',
    note: null,
  },
  {
    systemName: 'Infektionsverktyget',
    useCase: 'Uppföljning, statistik utan patientdata',
    purpose: 'CARE_AND_TREATMENT',
    assignmentName: 'VoB SJF',
    note: 'Om användaren har det gamla uppdraget för Pascal eller NPÖ är det tillräckligt.',
  },
  {
    systemName: 'Infektionsverktyget',
    useCase: 'Registerutdrag och koppling av postoperativa infektioner till utförda åtgärder på patient',
    purpose: 'QUALITY_ASSURANCE',
    assignmentName: 'Kvalitetssäkring',
    note: null,
  },
  {
    systemName: 'Statistikverktyg för intygstjänsten',
    useCase: 'Möjliggör statistikuttag i intygstjänsten vid aktuell vårdenhet (VE)',
    purpose: 'STATISTICS',
    assignmentName: 'Statistik VE',
    note: null,
  },
];

export const FIRST_NAMES = [
  'Anna',
  'Åsa',
  'Björn',
  'Elin',
  'Erik',
  'Emma',
  'Johan',
  'Karin',
  'Lars',
  'Maria',
  'Mikael',
  'Sofia',
  'Olof',
  'Ingrid',
  'Gustav',
  'Märta',
  'Jörgen',
  'Linnéa',
  'Andreas',
  'Helena',
  'Per',
  'Sara',
  'Oscar',
  'Ebba',
  'Hugo',
  'Maja',
  'Noah',
  'Elsa',
  'Ali',
  'Fatima',
  'Mohammed',
  'Amira',
  'Jonas',
  'Cecilia',
  'Fredrik',
  'Kristina',
  'Magnus',
  'Ulla',
  'Göran',
  'Åke',
  'Agnes',
  'Viktor',
  'Klara',
  'Zoran',
  'Nadia',
  'Tove',
  'Rasmus',
  'Hanna',
];

export const LAST_NAMES = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Jansson',
  'Hansson',
  'Bengtsson',
  'Jönsson',
  'Lindberg',
  'Jakobsson',
  'Magnusson',
  'Olofsson',
  'Lindström',
  'Lindqvist',
  'Lindgren',
  'Berg',
  'Axelsson',
  'Bergström',
  'Lundberg',
  'Lundgren',
  'Lundqvist',
  'Mattsson',
  'Berglund',
  'Fredriksson',
  'Sandberg',
  'Henriksson',
  'Forsberg',
  'Sjöberg',
  'Wallin',
  'Engström',
  'Eklund',
  'Danielsson',
  'Lundin',
  'Håkansson',
  'Björk',
  'Bergman',
  'Öberg',
  'Åberg',
  'Ekström',
  'Holmberg',
  'Hussein',
  'Nordström',
  'Söderberg',
  'Ström',
  'Åström',
  'Nyström',
  'Hedlund',
];

export const TITLES = [
  'Sjuksköterska',
  'Undersköterska',
  'Läkare',
  'ST-läkare',
  'Specialistläkare',
  'Fysioterapeut',
  'Arbetsterapeut',
  'Vårdadministratör',
  'Medicinsk sekreterare',
  'Barnmorska',
  'Kurator',
  'Dietist',
  'Biomedicinsk analytiker',
];
