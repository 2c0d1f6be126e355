/**
 * Directory factories: care providers, administrations, care units with their catalogue and
 * head, persons with engagements. Everything goes through the directory's own services, so a
 * factory-made row passes the same checks and leaves the same audit event (rule 24, Every change
 * is audited) as an administrator's.
 */
import { AssignmentsService } from '../../server/src/directory/assignments.service.js';
import { CareUnitsService } from '../../server/src/directory/care-units.service.js';
import { EngagementsService } from '../../server/src/directory/engagements.service.js';
import type { AssignmentKind } from '../../server/src/directory/entities/assignment.entity.js';
import type { Purpose } from '../../server/src/directory/entities/base.js';
import type { ProviderKind } from '../../server/src/directory/entities/care-provider.entity.js';
import {
  AdministrationsService,
  CareProvidersService,
} from '../../server/src/directory/organisation.service.js';
import { PersonsService } from '../../server/src/directory/persons.service.js';
import type { TestApp } from '../support/test-app.js';
import { uniqueHsaId, uniquePersonnummer, uniqueSuffix } from './unique.js';

export interface AssignmentMade {
  id: string;
  hsaId: string;
  name: string;
  careUnitId: string;
  kind: AssignmentKind;
  purpose: Purpose;
  privateProviderOnly: boolean;
}

/** The four assignments every care unit's catalogue has (domain.md: one general, three special). */
export const STANDARD_CATALOGUE = {
  vob: { name: 'VoB SJF', purpose: 'CARE_AND_TREATMENT', kind: 'GENERAL', privateProviderOnly: false },
  sparr: {
    name: 'Administration Spärr & Logg',
    purpose: 'ADMINISTRATION',
    kind: 'SPECIAL',
    privateProviderOnly: true,
  },
  kval: {
    name: 'Kvalitetssäkring',
    purpose: 'QUALITY_ASSURANCE',
    kind: 'SPECIAL',
    privateProviderOnly: false,
  },
  stat: { name: 'Statistik VE', purpose: 'STATISTICS', kind: 'SPECIAL', privateProviderOnly: false },
} as const satisfies Record<
  string,
  { name: string; purpose: Purpose; kind: AssignmentKind; privateProviderOnly: boolean }
>;
export type CatalogueKey = keyof typeof STANDARD_CATALOGUE;

export interface PersonMade {
  id: string;
  userId: string;
  hsaId: string;
  firstName: string;
  lastName: string;
  /** "First Last", as mails and lists name a person. */
  name: string;
  email: string | null;
  title: string | null;
  /** 12 digits, or null for a person known by passport only. */
  personnummer: string | null;
  passportNumber: string | null;
  /** The engagements the factory gave the person, in the order given. */
  engagements: { id: string; careUnitId: string }[];
}

export interface CareUnitMade {
  id: string;
  hsaId: string;
  name: string;
  administrationId: string;
  administrationName: string;
  careProviderId: string;
  careProviderKind: ProviderKind;
  /** The head of unit (full order and attest rights there), if it has one. */
  head: PersonMade | null;
  /** The standard catalogue, by short key: `unit.assignments.vob.id`. */
  assignments: Record<CatalogueKey, AssignmentMade>;
}

export interface AdministrationMade {
  id: string;
  code: string;
  name: string;
  careProviderId: string;
  careProviderKind: ProviderKind;
}

/** A care provider and one administration in it (the level a care unit hangs from). */
export async function newAdministration(
  t: TestApp,
  { kind = 'REGIONAL', name }: { kind?: ProviderKind; name?: string } = {},
): Promise<AdministrationMade> {
  const suffix = uniqueSuffix();
  const actorId = await directoryAdminId(t);
  const provider = await t.app.get(CareProvidersService).create(actorId, {
    hsaId: uniqueHsaId('E'),
    name: `${kind === 'PRIVATE' ? 'Privat vårdgivare' : 'Region'} ${suffix}`,
    kind,
  });
  const administration = await t.app.get(AdministrationsService).create(actorId, {
    code: `F${suffix}`,
    name: name ?? `Förvaltning ${suffix}`,
    careProviderId: provider.id,
  });
  return {
    id: administration.id,
    code: administration.code,
    name: administration.name,
    careProviderId: provider.id,
    careProviderKind: kind,
  };
}

export interface NewCareUnit {
  name?: string;
  /** An existing administration; else a new one (with a new provider) is made. */
  administration?: AdministrationMade;
  /** Staff of a private care provider may be given Administration Spärr & Logg (rule 3, Spärr & Logg only for private providers). */
  privateProvider?: boolean;
  /** An existing person, or null for none; left out, a new person engaged at the unit heads it. */
  head?: PersonMade | null;
}

/** A care unit with the standard catalogue and (unless told otherwise) a new head engaged there. */
export async function newCareUnit(t: TestApp, options: NewCareUnit = {}): Promise<CareUnitMade> {
  const administration =
    options.administration ??
    (await newAdministration(t, { kind: options.privateProvider ? 'PRIVATE' : 'REGIONAL' }));
  const units = t.app.get(CareUnitsService);
  const actorId = await directoryAdminId(t);
  const created = await units.create(actorId, {
    hsaId: uniqueHsaId('E'),
    name: options.name ?? `Vårdenhet ${uniqueSuffix()}`,
    administrationId: administration.id,
    headOfUnitId: options.head?.id ?? null,
  });
  const assignments = {} as Record<CatalogueKey, AssignmentMade>;
  for (const [key, entry] of Object.entries(STANDARD_CATALOGUE) as [
    CatalogueKey,
    (typeof STANDARD_CATALOGUE)[CatalogueKey],
  ][]) {
    const made = await t.app.get(AssignmentsService).create(actorId, {
      hsaId: uniqueHsaId('F'),
      careUnitId: created.id,
      name: entry.name,
      purpose: entry.purpose,
      kind: entry.kind,
      description: null,
      privateProviderOnly: entry.privateProviderOnly,
    });
    assignments[key] = {
      id: made.id,
      hsaId: made.hsaId,
      name: made.name,
      careUnitId: created.id,
      kind: made.kind,
      purpose: made.purpose,
      privateProviderOnly: made.privateProviderOnly,
    };
  }
  const unit: CareUnitMade = {
    id: created.id,
    hsaId: created.hsaId,
    name: created.name,
    administrationId: administration.id,
    administrationName: administration.name,
    careProviderId: administration.careProviderId,
    careProviderKind: administration.careProviderKind,
    head: options.head ?? null,
    assignments,
  };
  if (options.head === undefined) {
    const head = await newPerson(t, { unit, title: 'Verksamhetschef' });
    await units.update(actorId, unit.id, { headOfUnitId: head.id });
    unit.head = head;
  }
  return unit;
}

/** Makes `person` head of `unit` as well (a head of several units). */
export async function makeHead(t: TestApp, unit: CareUnitMade, person: PersonMade): Promise<void> {
  await t.app.get(CareUnitsService).update(await directoryAdminId(t), unit.id, { headOfUnitId: person.id });
  unit.head = person;
}

export interface NewPerson {
  firstName?: string;
  lastName?: string;
  title?: string | null;
  email?: string | null;
  /** false: known by passport number only. */
  personnummer?: string | false;
  passportNumber?: string | null;
  /** Engaged at this unit (from `engagedFrom`, until `engagedTo`). Left out: no engagement. */
  unit?: CareUnitMade;
  engagedFrom?: string;
  /** null (the default): until further notice; a past date: the engagement has ended. */
  engagedTo?: string | null;
}

/** A person of the directory, engaged at `unit` when one is given. */
export async function newPerson(t: TestApp, options: NewPerson = {}): Promise<PersonMade> {
  const suffix = uniqueSuffix();
  const userId = `t${suffix.toLowerCase()}`;
  const personnummer = options.personnummer === false ? null : (options.personnummer ?? uniquePersonnummer());
  const created = await t.app.get(PersonsService).create(await directoryAdminId(t), {
    hsaId: uniqueHsaId('P'),
    userId,
    personnummer,
    passportNumber: options.passportNumber ?? (personnummer === null ? `PT${suffix}` : null),
    firstName: options.firstName ?? 'Testa',
    lastName: options.lastName ?? `Person${suffix}`,
    title: options.title === undefined ? 'Sjuksköterska' : options.title,
    email: options.email === undefined ? `${userId}@test.example` : options.email,
  });
  const person: PersonMade = {
    id: created.id,
    userId: created.userId,
    hsaId: created.hsaId,
    firstName: created.firstName,
    lastName: created.lastName,
    name: `${created.firstName} ${created.lastName}`,
    email: created.email,
    title: created.title,
    personnummer,
    passportNumber: created.passportNumber,
    engagements: [],
  };
  if (options.unit) {
    await newEngagement(t, person, options.unit, {
      validFrom: options.engagedFrom,
      validTo: options.engagedTo,
    });
  }
  return person;
}

/** Another engagement of `person`, at `unit`. */
export async function newEngagement(
  t: TestApp,
  person: PersonMade,
  unit: { id: string },
  { validFrom = '2020-01-01', validTo = null }: { validFrom?: string; validTo?: string | null } = {},
): Promise<string> {
  const engagement = await t.app.get(EngagementsService).create(await directoryAdminId(t), {
    personId: person.id,
    careUnitId: unit.id,
    costCentre: 'T00001',
    title: person.title,
    validFrom,
    validTo,
  });
  person.engagements.push({ id: engagement.id, careUnitId: unit.id });
  return engagement.id;
}

/** Ends every engagement the factory gave `person` on `lastDay` (e.g. yesterday: no active engagement). */
export async function endEngagements(t: TestApp, person: PersonMade, lastDay: string): Promise<void> {
  const actorId = await directoryAdminId(t);
  for (const { id } of person.engagements) {
    await t.app.get(EngagementsService).update(actorId, id, { validTo: lastDay });
  }
}

const admins = new WeakMap<TestApp, Promise<string>>();

/**
 * The administrator who makes the factories' directory rows (the audit log names them), one per
 * test app, made on first need. This one row is INSERTed: the portal has no way to make an
 * administrator (rule 23, Rights are derived, never stored: the flag comes with the directory data
 * and no route writes it), and every write through the directory's services needs an acting one
 * already, so on an empty directory nobody could make it.
 */
export function directoryAdminId(t: TestApp): Promise<string> {
  let id = admins.get(t);
  if (!id) {
    const suffix = uniqueSuffix();
    id = t.dataSource
      .query<{ id: string }[]>(
        `INSERT INTO person (hsa_id, user_id, passport_number, first_name, last_name, title, email, is_administrator)
         VALUES ($1, $2, $3, 'Katalog', 'Förvaltare', 'Systemförvaltare', $4, true) RETURNING id`,
        [
          uniqueHsaId('P'),
          `tadmin${suffix.toLowerCase()}`,
          `PT${suffix}`,
          `tadmin${suffix.toLowerCase()}@test.example`,
        ],
      )
      .then(([row]) => row.id);
    admins.set(t, id);
  }
  return id;
}

/**
 * A person the directory flags as administrator. The flag is never writable through the portal
 * (rule 23, Rights are derived, never stored: PersonsService leaves it out on purpose), so here
 * the factory plays the directory's part with the one UPDATE no service offers.
 */
export async function newAdministrator(t: TestApp, options: NewPerson = {}): Promise<PersonMade> {
  const person = await newPerson(t, { title: 'Systemförvaltare', ...options });
  await t.dataSource.query('UPDATE person SET is_administrator = true WHERE id = $1', [person.id]);
  return person;
}
