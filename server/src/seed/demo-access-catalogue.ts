import { DEV_SIGNING_KEY_SECRET } from '../config/app-config.js';
import { sealSecret } from '../common/secret-seal.js';
import { type Row, seedId } from './seed-ids.js';

/*
 * The demo access catalogue (issue 14): the region's local and regional systems with their roles,
 * three områden with six verksamheter, the yrkeskategorier and fifteen behörighetsmallar, among
 * them seeds/001's "Ksd-personal" for "Supportspecialist Behörighetsteamet" under Plattformer och
 * infrastruktur / Identitet och behörighet. AD-grupper VGR is carried out over SCIM; its demo
 * token is sealed like any other (the address answers nothing: port 9 is discard).
 */

interface SystemSeed {
  name: string;
  owner: string;
  description: string;
  scim?: { baseUrl: string; token: string };
  /** VGR-IDs of the personas who carry out the system's parts by hand (system administrators). */
  administrators?: string[];
  /** Role name → description (and the SCIM group on a SCIM system). */
  roles: { name: string; description: string; scimGroup?: string }[];
}

export const DEMO_SYSTEMS: SystemSeed[] = [
  {
    name: 'Melior',
    owner: 'Sahlgrenska Universitetssjukhuset, IT-förvaltning',
    description: 'Journalsystem för slutenvården på sjukhusen.',
    roles: [
      { name: 'Läsbehörighet journal', description: 'Läser journalhandlingar.' },
      { name: 'Journalförare sjuksköterska', description: 'Dokumenterar omvårdnad och läkemedel.' },
      { name: 'Journalförare läkare', description: 'Dokumenterar, ordinerar och signerar.' },
    ],
  },
  {
    name: 'ELVIS',
    owner: 'Närhälsan, IT-förvaltning',
    description: 'Journalsystem för primärvården.',
    roles: [
      { name: 'Journalläsare', description: 'Läser journalen.' },
      { name: 'Journalförare', description: 'Dokumenterar i journalen.' },
      { name: 'Receptförskrivare', description: 'Förskriver läkemedel.' },
    ],
  },
  {
    name: 'Millennium',
    owner: 'Koncernstab digitalisering, Framtidens vårdinformationsmiljö',
    description: 'Regionens gemensamma vårdinformationsmiljö.',
    roles: [
      { name: 'Vårdpersonal läs', description: 'Läser patientens uppgifter.' },
      { name: 'Vårdpersonal skriv', description: 'Dokumenterar vård och omvårdnad.' },
      { name: 'Förskrivare', description: 'Ordinerar läkemedel och remitterar.' },
      { name: 'Administratör', description: 'Förvaltar behörighetsprofiler och mallar.' },
    ],
  },
  {
    name: 'Sectra PACS',
    owner: 'Bild- och funktionsmedicin, Regionalt IT-stöd',
    description: 'Bildarkiv och granskning av röntgenbilder.',
    roles: [
      { name: 'Granskare', description: 'Granskar och beskriver bilder.' },
      { name: 'Remittent', description: 'Ser bilder och svar på egna remisser.' },
      { name: 'Administratör', description: 'Förvaltar arbetslistor och användare.' },
    ],
  },
  {
    name: 'Raindance',
    owner: 'Koncernkontoret, Ekonomi',
    description: 'Ekonomisystem: fakturor, attest och uppföljning.',
    roles: [
      { name: 'Attestant', description: 'Attesterar fakturor inom sitt ansvar.' },
      { name: 'Registrerare', description: 'Registrerar och konterar fakturor.' },
      { name: 'Rapportläsare', description: 'Tar ut rapporter.' },
    ],
  },
  {
    name: 'Heroma',
    owner: 'Koncernkontoret, HR',
    description: 'Personal- och lönesystem.',
    roles: [
      { name: 'Chef', description: 'Beslutar om ledighet och attesterar tid.' },
      { name: 'Personalhandläggare', description: 'Handlägger anställningar.' },
      { name: 'Lönehandläggare', description: 'Handlägger löner.' },
    ],
  },
  {
    name: 'Infektionsverktyget',
    owner: 'Vårdhygien, Sahlgrenska Universitetssjukhuset',
    administrators: ['karlu1'],
    description: 'Registrering och uppföljning av vårdrelaterade infektioner.',
    roles: [
      { name: 'Registrerare', description: 'Registrerar infektioner och åtgärder.' },
      { name: 'Analytiker', description: 'Följer upp och tar ut statistik.' },
    ],
  },
  {
    name: 'Behörighetsadministration KIV',
    owner: 'Koncernstab digitalisering, Identitet och behörighet',
    description:
      'Administrationsgränssnittet till regionens katalog KIV; konton läggs upp av systemets administratörer, som lämnar inloggningsuppgifterna som återkoppling.',
    administrators: ['karlu1'],
    roles: [
      { name: 'Behörighetshandläggare', description: 'Handlägger medarbetaruppdrag och behörigheter i KIV.' },
      { name: 'Läsbehörighet', description: 'Söker och läser uppgifter i KIV.' },
    ],
  },
  {
    name: 'AD-grupper VGR',
    owner: 'Koncernstab digitalisering',
    description: 'Regionens grupper i katalogtjänsten, som styr åtkomst till gemensamma IT-tjänster.',
    scim: { baseUrl: 'http://127.0.0.1:9/scim/v2', token: 'demo-scim-token-ad-grupper' },
    roles: [
      {
        name: 'Behörighetsadministratör',
        description: 'Administrerar behörigheter i regionens katalog.',
        scimGroup: 'VGR-Behorighetsadministrator',
      },
      {
        name: 'Supportverktyg',
        description: 'Åtkomst till supportens verktyg och ärendehantering.',
        scimGroup: 'VGR-Supportverktyg',
      },
      {
        name: 'Fjärrskrivbord',
        description: 'Arbete på distans via regionens fjärrskrivbord.',
        scimGroup: 'VGR-Fjarrskrivbord',
      },
    ],
  },
];

export const DEMO_AREAS: { name: string; description: string }[] = [
  { name: 'Plattformer och infrastruktur', description: 'Regionens gemensamma IT-plattformar.' },
  { name: 'Vård och omsorg', description: 'Vårdens system i primärvård och på sjukhusen.' },
  { name: 'Ekonomi och personal', description: 'Stödsystem för ekonomi, HR och lön.' },
];

/** Verksamheter; `head` is a persona's VGR-ID or `unit:<key>` for that care unit's head. */
export const DEMO_OPERATIONS: { area: string; name: string; description: string; head: string }[] = [
  {
    area: 'Plattformer och infrastruktur',
    name: 'Identitet och behörighet',
    description: 'Behörighetsteamet och katalogtjänsten.',
    head: 'karlu1',
  },
  {
    area: 'Plattformer och infrastruktur',
    name: 'Digital arbetsplats',
    description: 'Arbetsplatsens verktyg och distansarbete.',
    head: 'unit:sparr',
  },
  { area: 'Vård och omsorg', name: 'Primärvård', description: 'Vårdcentralerna.', head: 'unit:norrby' },
  {
    area: 'Vård och omsorg',
    name: 'Sjukhusvård',
    description: 'Sjukhusens avdelningar och mottagningar.',
    head: 'unit:akuten',
  },
  {
    area: 'Ekonomi och personal',
    name: 'Ekonomi',
    description: 'Ekonomiadministration.',
    head: 'unit:kallan',
  },
  {
    area: 'Ekonomi och personal',
    name: 'HR och lön',
    description: 'Personal och lön.',
    head: 'unit:ortoped',
  },
];

export const DEMO_PROFESSIONS = [
  'Supportspecialist Behörighetsteamet',
  'Systemförvaltare',
  'Sjuksköterska',
  'Läkare',
  'Undersköterska',
  'Medicinsk sekreterare',
  'Röntgensjuksköterska',
  'Ekonom',
  'Personalhandläggare',
  'Chef',
];

/** Templates: their roles as "System: Roll", and the professions they are offered to. */
export const DEMO_TEMPLATES: {
  operation: string;
  name: string;
  description: string;
  roles: string[];
  professions: string[];
}[] = [
  {
    operation: 'Identitet och behörighet',
    name: 'Ksd-personal',
    description: 'Behörighetsteamets verktyg för att administrera och felsöka behörigheter.',
    roles: [
      'AD-grupper VGR: Behörighetsadministratör',
      'AD-grupper VGR: Supportverktyg',
      'Behörighetsadministration KIV: Behörighetshandläggare',
    ],
    professions: ['Supportspecialist Behörighetsteamet', 'Systemförvaltare'],
  },
  {
    operation: 'Digital arbetsplats',
    name: 'Distansarbete',
    description: 'Fjärrskrivbord för arbete hemifrån.',
    roles: ['AD-grupper VGR: Fjärrskrivbord'],
    professions: ['Systemförvaltare', 'Ekonom', 'Personalhandläggare', 'Supportspecialist Behörighetsteamet'],
  },
  {
    operation: 'Digital arbetsplats',
    name: 'Systemförvaltning vårdsystem',
    description: 'Förvaltning av profiler och arbetslistor.',
    roles: ['Millennium: Administratör', 'Sectra PACS: Administratör'],
    professions: ['Systemförvaltare'],
  },
  {
    operation: 'Primärvård',
    name: 'Sjuksköterska vårdcentral',
    description: 'Journal, remisser och infektionsregistrering på vårdcentral.',
    roles: ['ELVIS: Journalförare', 'Sectra PACS: Remittent', 'Infektionsverktyget: Registrerare'],
    professions: ['Sjuksköterska'],
  },
  {
    operation: 'Primärvård',
    name: 'Läkare vårdcentral',
    description: 'Journal, förskrivning och remisser på vårdcentral.',
    roles: ['ELVIS: Journalförare', 'ELVIS: Receptförskrivare', 'Sectra PACS: Remittent'],
    professions: ['Läkare'],
  },
  {
    operation: 'Primärvård',
    name: 'Undersköterska vårdcentral',
    description: 'Läsbehörighet i journalen.',
    roles: ['ELVIS: Journalläsare'],
    professions: ['Undersköterska'],
  },
  {
    operation: 'Primärvård',
    name: 'Sekreterare vårdcentral',
    description: 'Journalläsning för medicinska sekreterare.',
    roles: ['ELVIS: Journalläsare'],
    professions: ['Medicinsk sekreterare'],
  },
  {
    operation: 'Sjukhusvård',
    name: 'Sjuksköterska avdelning',
    description: 'Omvårdnadsdokumentation och infektionsregistrering på avdelning.',
    roles: [
      'Melior: Journalförare sjuksköterska',
      'Millennium: Vårdpersonal skriv',
      'Infektionsverktyget: Registrerare',
    ],
    professions: ['Sjuksköterska'],
  },
  {
    operation: 'Sjukhusvård',
    name: 'Läkare avdelning',
    description: 'Journal, ordination och bildgranskning på avdelning.',
    roles: ['Melior: Journalförare läkare', 'Millennium: Förskrivare', 'Sectra PACS: Granskare'],
    professions: ['Läkare'],
  },
  {
    operation: 'Sjukhusvård',
    name: 'Röntgen',
    description: 'Bildgranskning med läsbehörighet i journalen.',
    roles: ['Sectra PACS: Granskare', 'Melior: Läsbehörighet journal'],
    professions: ['Röntgensjuksköterska', 'Läkare'],
  },
  {
    operation: 'Sjukhusvård',
    name: 'Vårdhygien',
    description: 'Uppföljning av vårdrelaterade infektioner.',
    roles: [
      'Infektionsverktyget: Analytiker',
      'Melior: Läsbehörighet journal',
      'Millennium: Vårdpersonal läs',
    ],
    professions: ['Sjuksköterska', 'Läkare'],
  },
  {
    operation: 'Ekonomi',
    name: 'Ekonomiadministratör',
    description: 'Registrering och uppföljning av fakturor.',
    roles: ['Raindance: Registrerare', 'Raindance: Rapportläsare'],
    professions: ['Ekonom'],
  },
  {
    operation: 'Ekonomi',
    name: 'Fakturaattestant',
    description: 'Attest av fakturor inom eget ansvar.',
    roles: ['Raindance: Attestant', 'Raindance: Rapportläsare'],
    professions: ['Chef', 'Ekonom'],
  },
  {
    operation: 'HR och lön',
    name: 'Personalhandläggare',
    description: 'Anställningar och löner.',
    roles: ['Heroma: Personalhandläggare', 'Heroma: Lönehandläggare'],
    professions: ['Personalhandläggare'],
  },
  {
    operation: 'HR och lön',
    name: 'Chef i Heroma',
    description: 'Chefens beslut om tid och ledighet, och attest av fakturor.',
    roles: ['Heroma: Chef', 'Raindance: Attestant'],
    professions: ['Chef'],
  },
];

export interface AccessCatalogueRows {
  local_system: Row[];
  system_role: Row[];
  access_area: Row[];
  access_operation: Row[];
  profession: Row[];
  access_template: Row[];
  access_template_role: Row[];
  access_template_profession: Row[];
  system_administrator: Row[];
}

export const localSystemId = (name: string) => seedId(`local-system:${name}`);
export const systemRoleId = (system: string, role: string) => seedId(`system-role:${system}:${role}`);
export const accessAreaId = (name: string) => seedId(`access-area:${name}`);
export const accessOperationId = (name: string) => seedId(`access-operation:${name}`);
export const professionId = (name: string) => seedId(`profession:${name}`);
export const accessTemplateId = (operation: string, name: string) =>
  seedId(`access-template:${operation}:${name}`);

/**
 * The catalogue's rows. `headId` gives a verksamhet's head: a persona's or a unit head's person
 * id. `keySecret` seals the SCIM token (the server's SIGNING_KEY_SECRET); the seal is random, so
 * only the first run's stays (rows are inserted only when missing).
 */
export function buildAccessCatalogueRows(
  headId: (head: string) => string,
  keySecret: string = process.env.SIGNING_KEY_SECRET || DEV_SIGNING_KEY_SECRET,
): AccessCatalogueRows {
  const roleByLabel = new Map<string, string>();
  const rows: AccessCatalogueRows = {
    local_system: DEMO_SYSTEMS.map((s) => {
      const id = localSystemId(s.name);
      return {
        id,
        name: s.name,
        description: s.description,
        owner: s.owner,
        fulfilment: s.scim ? 'SCIM' : 'MANUAL',
        scim_base_url: s.scim?.baseUrl ?? null,
        scim_token_sealed: s.scim
          ? JSON.stringify(sealSecret(s.scim.token, keySecret, 'scim-token', id))
          : null,
        active: true,
      };
    }),
    system_role: DEMO_SYSTEMS.flatMap((s) =>
      s.roles.map((r) => {
        const id = systemRoleId(s.name, r.name);
        roleByLabel.set(`${s.name}: ${r.name}`, id);
        return {
          id,
          system_id: localSystemId(s.name),
          name: r.name,
          description: r.description,
          scim_group: r.scimGroup ?? null,
        };
      }),
    ),
    access_area: DEMO_AREAS.map((a) => ({
      id: accessAreaId(a.name),
      name: a.name,
      description: a.description,
    })),
    access_operation: DEMO_OPERATIONS.map((o) => ({
      id: accessOperationId(o.name),
      area_id: accessAreaId(o.area),
      name: o.name,
      description: o.description,
      head_person_id: headId(o.head),
    })),
    profession: DEMO_PROFESSIONS.map((name) => ({ id: professionId(name), name })),
    access_template: DEMO_TEMPLATES.map((t) => ({
      id: accessTemplateId(t.operation, t.name),
      operation_id: accessOperationId(t.operation),
      name: t.name,
      description: t.description,
      active: true,
    })),
    access_template_role: [],
    access_template_profession: [],
    system_administrator: DEMO_SYSTEMS.flatMap((s) =>
      (s.administrators ?? []).map((userId) => ({
        system_id: localSystemId(s.name),
        person_id: headId(userId),
      })),
    ),
  };
  for (const t of DEMO_TEMPLATES) {
    const templateId = accessTemplateId(t.operation, t.name);
    for (const label of t.roles) {
      const roleId = roleByLabel.get(label);
      if (!roleId) throw new Error(`Unknown demo role ${label}`);
      rows.access_template_role.push({ template_id: templateId, system_role_id: roleId });
    }
    for (const name of t.professions) {
      if (!DEMO_PROFESSIONS.includes(name)) throw new Error(`Unknown demo profession ${name}`);
      rows.access_template_profession.push({ template_id: templateId, profession_id: professionId(name) });
    }
  }
  return rows;
}
