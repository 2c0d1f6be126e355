/**
 * The region's directory (KIV as the portal keeps it): care providers, administrations, care units
 * with their heads and catalogues, persons with engagements, and delegations. Built in memory from
 * one seed on top of the demo seed, whose Vårdcentralen Solgläntan, its head karlu1 and its
 * delegates eriho2 (order and attest) and sarbe3 (attest only) take part in the region's orders.
 */
import { CATALOGUE, PROVIDERS, UNITS } from '../../../server/src/seed/demo-data.js';
import { seedId, syntheticPersonnummer } from '../../../server/src/seed/seed-ids.js';
import {
  DOUBLE_FEMALE,
  DOUBLE_MALE,
  FEMALE_NAMES,
  LAST_NAMES,
  MALE_NAMES,
  PLACES,
  PRIVATE_PROVIDER_NAMES,
  PRIVATE_PROVIDERS,
  SPECIALTIES,
  TITLES,
  VGR_ADMINISTRATIONS,
  type UnitKind,
} from './names.js';
import { cumulativeWeights, ID_KIND, regionId, Rng } from './random.js';
import {
  dayOf,
  HISTORY_START_DAY,
  IMPORT_TIME,
  REFERENCE_DAY,
  REFERENCE_TIME,
  stockholmDay,
  stockholmTime,
  workday,
} from './time.js';

/** How many persons the region adds to the demo seed's 329. */
export const REGION_PERSONS = 60_000;
/** How many care units the region has in all, the demo seed's ten included. */
export const REGION_UNITS = 1_500;
/** Region staff whose home unit is the demo's Vårdcentralen Solgläntan (the personas' orders). */
const SOLGLANTAN_STAFF = 1_000;

export interface Provider {
  id: string;
  hsaId: string;
  name: string;
  kind: 'REGIONAL' | 'PRIVATE';
  existing: boolean;
}

export interface Administration {
  id: string;
  code: string;
  name: string;
  provider: number;
  existing: boolean;
}

export interface Unit {
  id: string;
  hsaId: string;
  name: string;
  administration: number;
  costCentre: string;
  privateProvider: boolean;
  /** Person index of the head of unit. */
  head: number;
  /** Assignment indexes, in catalogue order. */
  assignments: number[];
  existing: boolean;
}

export interface Assignment {
  id: string;
  hsaId: string;
  unit: number;
  /** Index into the demo seed's CATALOGUE. */
  catalogue: number;
  existing: boolean;
}

export interface Person {
  id: string;
  hsaId: string;
  userId: string;
  personnummer: string | null;
  passportNumber: string | null;
  firstName: string;
  lastName: string;
  title: string;
  email: string | null;
  protectedIdentity: boolean;
  createdAt: number;
  updatedAt: number;
  existing: boolean;
}

export interface Engagement {
  id: string;
  person: number;
  unit: number;
  costCentre: string;
  title: string;
  /** Days. */
  validFrom: number;
  /** Last day, or -1 until further notice. */
  validTo: number;
  createdAt: number;
  /** When the end was written into the directory (an ENGAGEMENT_UPDATED event); 0 if never. */
  endedAt: number;
}

export interface Delegation {
  id: string;
  delegate: number;
  unit: number;
  grantor: number;
  mayOrder: boolean;
  mayAttest: boolean;
  validFrom: number;
  /** Last day, or -1 until further notice. */
  validTo: number;
  createdAt: number;
  /** 0 if not revoked. */
  revokedAt: number;
  /** Assignment indexes it is limited to (empty: the whole unit). */
  assignments: number[];
  existing: boolean;
}

/** Who may order (and attest) or attest at a unit, on which days: the orders' pools. */
export interface Right {
  person: number;
  mayOrder: boolean;
  mayAttest: boolean;
  /** First day in force. */
  from: number;
  /** First day no longer in force. */
  until: number;
}

export interface Directory {
  providers: Provider[];
  administrations: Administration[];
  units: Unit[];
  assignments: Assignment[];
  persons: Person[];
  engagements: Engagement[];
  delegations: Delegation[];
  /** Per unit: its head (always) and the delegations with order/attest for the whole unit. */
  rights: Right[][];
  /** Person indexes of the demo personas the region's orders name. */
  personas: { karlu1: number; eriho2: number; sarbe3: number };
  /** Unit index of Vårdcentralen Solgläntan. */
  solglantan: number;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** The demo seed's assignment hsaId rule, for the region's catalogues too. */
const assignmentHsaId = (unitHsaId: string, catalogue: number) =>
  `${unitHsaId.replace(/-E\d+$/, '')}-F${unitHsaId.slice(-9)}${catalogue + 1}00`;

const zipf = (n: number, s: number) => Array.from({ length: n }, (_, k) => 1 / Math.pow(k + 1, s));

/**
 * The directory. `existing` are the demo seed's user ids, HSA-ids and personnummer, which the
 * region's new persons must not take.
 */
export function buildDirectory(existing: {
  userIds: ReadonlySet<string>;
  personnummer: ReadonlySet<string>;
  personas: ReadonlyMap<string, { id: string; firstName: string; lastName: string; email: string | null }>;
}): Directory {
  const rng = new Rng(20_261_204);
  const dir: Directory = {
    providers: [],
    administrations: [],
    units: [],
    assignments: [],
    persons: [],
    engagements: [],
    delegations: [],
    rights: [],
    personas: { karlu1: -1, eriho2: -1, sarbe3: -1 },
    solglantan: -1,
  };
  let importClock = IMPORT_TIME;
  const importTime = () => (importClock += 3);

  // The demo personas the region's orders at Solgläntan name (their rows exist already).
  for (const userId of ['karlu1', 'eriho2', 'sarbe3'] as const) {
    const persona = existing.personas.get(userId);
    if (!persona)
      throw new Error(`The demo seed's ${userId} is missing: the region is built on the demo seed`);
    dir.personas[userId] = dir.persons.length;
    dir.persons.push({
      id: persona.id,
      hsaId: '',
      userId,
      personnummer: null,
      passportNumber: null,
      firstName: persona.firstName,
      lastName: persona.lastName,
      title: '',
      email: persona.email,
      protectedIdentity: false,
      createdAt: 0,
      updatedAt: 0,
      existing: true,
    });
  }

  // Care providers: the region and the demo's private provider exist; more private ones are added.
  const vgr = PROVIDERS.findIndex((p) => p.key === 'vgr');
  for (const p of PROVIDERS) {
    dir.providers.push({
      id: seedId(`provider:${p.key}`),
      hsaId: p.hsaId,
      name: p.name,
      kind: p.kind,
      existing: true,
    });
  }

  // The demo's Solgläntan and its catalogue.
  const solglantan = UNITS.find((u) => u.key === 'solglantan')!;
  const nhAdministration = dir.administrations.length;
  dir.administrations.push({
    id: seedId('administration:NH'),
    code: 'NH',
    name: 'Närhälsan',
    provider: vgr,
    existing: true,
  });
  dir.solglantan = dir.units.length;
  dir.units.push({
    id: seedId('unit:solglantan'),
    hsaId: solglantan.hsaId,
    name: solglantan.name,
    administration: nhAdministration,
    costCentre: solglantan.costCentre,
    privateProvider: false,
    head: dir.personas.karlu1,
    assignments: CATALOGUE.map((a, catalogue) => {
      dir.assignments.push({
        id: seedId(`assignment:solglantan:${a.name}`),
        hsaId: '',
        unit: dir.solglantan,
        catalogue,
        existing: true,
      });
      return dir.assignments.length - 1;
    }),
    existing: true,
  });

  // The region's units: per administration, names from its kinds, places and specialties.
  const usedNames = new Set(UNITS.map((u) => u.name));
  const unitStaff: number[] = [];
  const unitName = (kind: UnitKind, n: number) => {
    for (let attempt = 0; ; attempt++) {
      const name = kind.name(rng.pick(PLACES), rng.pick(SPECIALTIES), rng.int(1, 99));
      const unique = attempt < 20 ? name : `${name} ${n}`;
      if (!usedNames.has(unique)) {
        usedNames.add(unique);
        return unique;
      }
    }
  };
  let vgrUnitNumber = 100_000;
  const costCentres = new Set(UNITS.map((u) => u.costCentre));
  const costCentre = (letter: string) => {
    for (;;) {
      const code = `${letter}${rng.int(10_000, 99_999)}`;
      if (!costCentres.has(code)) {
        costCentres.add(code);
        return code;
      }
    }
  };
  const addUnit = (
    administration: number,
    name: string,
    hsaId: string,
    cc: string,
    privateProvider: boolean,
  ) => {
    const unit = dir.units.length;
    dir.units.push({
      id: regionId(ID_KIND.unit, unit),
      hsaId,
      name,
      administration,
      costCentre: cc,
      privateProvider,
      head: -1,
      assignments: CATALOGUE.map((_, catalogue) => {
        const index = dir.assignments.length;
        dir.assignments.push({
          id: regionId(ID_KIND.assignment, index),
          hsaId: assignmentHsaId(hsaId, catalogue),
          unit,
          catalogue,
          existing: false,
        });
        return index;
      }),
      existing: false,
    });
    return unit;
  };
  for (const plan of VGR_ADMINISTRATIONS) {
    let administration = dir.administrations.findIndex((a) => a.code === plan.code);
    if (administration < 0) {
      administration = dir.administrations.length;
      dir.administrations.push({
        id: plan.existing
          ? seedId(`administration:${plan.code}`)
          : regionId(ID_KIND.administration, administration),
        code: plan.code,
        name: plan.name,
        provider: vgr,
        existing: plan.existing,
      });
    }
    for (let n = 0; n < plan.units; n++) {
      const kind = rng.pick(plan.kinds);
      const hsaId = `SE2321000131-E${String(++vgrUnitNumber).padStart(12, '0')}`;
      const unit = addUnit(administration, unitName(kind, n), hsaId, costCentre(plan.costCentre), false);
      unitStaff[unit] = rng.int(kind.staff[0], kind.staff[1]);
    }
  }
  const privateUnits = REGION_UNITS - UNITS.length - (dir.units.length - 1);
  for (let n = 0; n < PRIVATE_PROVIDERS; n++) {
    const place = PLACES[(n * 7 + 3) % PLACES.length];
    const orgNumber = `SE55${String(69_000_000 + n * 1_931).padStart(8, '0')}`;
    const provider = dir.providers.length;
    const name = PRIVATE_PROVIDER_NAMES[n % PRIVATE_PROVIDER_NAMES.length](place);
    dir.providers.push({
      id: regionId(ID_KIND.provider, provider),
      hsaId: `${orgNumber}-E000000000001`,
      name,
      kind: 'PRIVATE',
      existing: false,
    });
    const administration = dir.administrations.length;
    dir.administrations.push({
      id: regionId(ID_KIND.administration, administration),
      code: `P${String(n + 1).padStart(3, '0')}`,
      name: name.replace(/ AB$/, ''),
      provider,
      existing: false,
    });
    const count = n < privateUnits - PRIVATE_PROVIDERS ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const unitTitle =
        k === 0 ? `${name.replace(/ AB$/, '')} Vårdenhet` : `${name.replace(/ AB$/, '')} Rehab`;
      const unit = addUnit(administration, unitTitle, `${orgNumber}-E00000000010${k}`, costCentre('P'), true);
      unitStaff[unit] = rng.int(12, 40);
    }
  }

  // Persons: home units in proportion to the units' sizes, Solgläntan's extra staff first.
  const firstUnit = 1;
  const homes: number[] = [];
  for (let i = 0; i < SOLGLANTAN_STAFF; i++) homes.push(dir.solglantan);
  const sizes = unitStaff.slice(firstUnit);
  const total = sizes.reduce((a, b) => a + b, 0);
  const wanted = REGION_PERSONS - SOLGLANTAN_STAFF;
  let given = 0;
  sizes.forEach((size, n) => {
    const share = n === sizes.length - 1 ? wanted - given : Math.max(4, Math.round((size / total) * wanted));
    for (let k = 0; k < share && given < wanted; k++, given++) homes.push(firstUnit + n);
  });
  while (homes.length < REGION_PERSONS) homes.push(firstUnit + (homes.length % sizes.length));

  const lastWeights = cumulativeWeights(zipf(LAST_NAMES.length, 0.9));
  const femaleWeights = cumulativeWeights(zipf(FEMALE_NAMES.length, 0.6));
  const maleWeights = cumulativeWeights(zipf(MALE_NAMES.length, 0.6));
  const titleWeights = cumulativeWeights(TITLES.map(() => 1));
  const userIds = new Set(existing.userIds);
  const prefixCounters = new Map<string, number>();
  const pnrs = new Set(existing.personnummer);
  const emails = new Map<string, number>();
  const pad = (n: number) => String(n).padStart(2, '0');
  const staffOf: number[][] = dir.units.map(() => []);

  for (let i = 0; i < REGION_PERSONS; i++) {
    const female = rng.chance(0.72);
    const double = rng.chance(0.04);
    const firstName = double
      ? rng.pick(female ? DOUBLE_FEMALE : DOUBLE_MALE)
      : rng.weighted(female ? FEMALE_NAMES : MALE_NAMES, female ? femaleWeights : maleWeights);
    const lastName = rng.chance(0.03)
      ? `${rng.weighted(LAST_NAMES, lastWeights)}-${rng.weighted(LAST_NAMES, lastWeights)}`
      : rng.weighted(LAST_NAMES, lastWeights);
    const prefix = `${fold(firstName).slice(0, 3)}${fold(lastName).slice(0, 2)}`;
    let counter = prefixCounters.get(prefix) ?? 0;
    let userId: string;
    do userId = `${prefix}${++counter}`;
    while (userIds.has(userId));
    prefixCounters.set(prefix, counter);
    userIds.add(userId);

    const passportOnly = rng.chance(0.008);
    let personnummer: string | null = null;
    if (!passportOnly) {
      const coordination = rng.chance(0.005);
      const year = rng.int(1956, 2003);
      const month = rng.int(1, 12);
      const day = rng.int(1, 28) + (coordination ? 60 : 0);
      const birth = `${year}${pad(month)}${pad(day)}`;
      // The serial's last digit is odd for men and even for women.
      do {
        const serial = rng.int(0, 99) * 10 + rng.int(0, 4) * 2 + (female ? 0 : 1);
        personnummer = syntheticPersonnummer(birth, serial);
      } while (pnrs.has(personnummer));
      pnrs.add(personnummer);
    }
    const home = homes[i];
    const unit = dir.units[home];
    const domain = unit.privateProvider
      ? `${fold(dir.providers[dir.administrations[unit.administration].provider].name).slice(0, 14)}.example`
      : 'vgregion.example';
    const local = `${fold(firstName)}.${fold(lastName)}`;
    const seen = emails.get(`${local}@${domain}`) ?? 0;
    emails.set(`${local}@${domain}`, seen + 1);
    const email = rng.chance(0.003) ? null : `${local}${seen > 0 ? seen + 1 : ''}@${domain}`;

    // Three in four were employed before the portal's history began; the rest were hired during it.
    const veteran = rng.chance(0.75);
    const validFrom = veteran
      ? rng.int(dayOf('1988-01-01'), HISTORY_START_DAY - 40)
      : workday(rng.int(HISTORY_START_DAY, REFERENCE_DAY - 5));
    const createdAt = veteran
      ? importTime()
      : stockholmTime(
          workday(Math.max(HISTORY_START_DAY - 20, validFrom - rng.int(3, 20))),
          7 + rng.next() * 9,
        );
    const person = dir.persons.length;
    const title = rng.weighted(TITLES, titleWeights);
    dir.persons.push({
      id: regionId(ID_KIND.person, i),
      hsaId: `SE2321000131-P${String(300_000 + i).padStart(12, '0')}`,
      userId,
      personnummer,
      passportNumber: passportOnly
        ? `P${rng.chance(0.5) ? 'A' : 'C'}${String(7_000_000 + i * 37).slice(0, 7)}`
        : null,
      firstName,
      lastName,
      title,
      email,
      protectedIdentity: rng.chance(0.003),
      createdAt,
      updatedAt: createdAt,
      existing: false,
    });

    // Some moved here from another unit of the same administration during the history.
    // Another unit of the same administration, never one the person is engaged at already: two
    // engagements at one unit would each order its catalogue.
    const engagedAt = new Set([home]);
    const administrationUnits = () => {
      const adm = unit.administration;
      const candidates = dir.units.filter(
        (u, n) => !engagedAt.has(n) && u.administration === adm && !u.existing,
      );
      if (candidates.length === 0) return -1;
      const chosen = dir.units.indexOf(rng.pick(candidates));
      engagedAt.add(chosen);
      return chosen;
    };
    let homeFrom = validFrom;
    if (veteran && home !== dir.solglantan && rng.chance(0.06)) {
      const previous = administrationUnits();
      if (previous >= 0) {
        const moved = workday(rng.int(HISTORY_START_DAY + 200, REFERENCE_DAY - 60));
        addEngagement(dir, rng, person, previous, validFrom, moved - 1, title, createdAt);
        staffOf[previous].push(person);
        homeFrom = moved;
      }
    }
    // One in eight has left (or will soon leave) the region.
    const leaves = rng.chance(0.13);
    const lastDay = leaves
      ? Math.max(
          Math.max(homeFrom, HISTORY_START_DAY) + rng.int(120, 700),
          rng.int(HISTORY_START_DAY + 200, REFERENCE_DAY + 45),
        )
      : -1;
    addEngagement(dir, rng, person, home, homeFrom, lastDay, title, homeFrom === validFrom ? createdAt : 0);
    staffOf[home].push(person);
    // Some also work at a second unit of the same administration.
    if (rng.chance(0.08)) {
      const second = administrationUnits();
      if (second >= 0) {
        const from = Math.max(homeFrom, workday(rng.int(HISTORY_START_DAY - 400, REFERENCE_DAY - 30)));
        addEngagement(
          dir,
          rng,
          person,
          second,
          from,
          lastDay >= 0 && lastDay < from ? -2 : lastDay,
          title,
          0,
        );
        staffOf[second].push(person);
      }
    }
  }
  dir.engagements = dir.engagements.filter((e) => e.validTo !== -2);
  dir.engagements.forEach((e, n) => (e.id = regionId(ID_KIND.engagement, n)));

  // Heads of unit: a long-serving member of the unit's own staff; some head two units.
  const engagementsOf = new Map<number, Engagement[]>();
  for (const e of dir.engagements) {
    const list = engagementsOf.get(e.person) ?? [];
    list.push(e);
    engagementsOf.set(e.person, list);
  }
  const stays = (person: number, unit: number) =>
    (engagementsOf.get(person) ?? []).some(
      (e) => e.unit === unit && e.validFrom < HISTORY_START_DAY && e.validTo === -1,
    );
  for (let u = 1; u < dir.units.length; u++) {
    const unit = dir.units[u];
    const previous = dir.units[u - 1];
    if (u > 1 && previous.administration === unit.administration && rng.chance(0.07)) {
      unit.head = previous.head;
      continue;
    }
    const candidates = staffOf[u].filter((p) => stays(p, u));
    const head = candidates.length > 0 ? rng.pick(candidates) : staffOf[u][0];
    unit.head = head;
    const title = rng.chance(0.6) ? 'Verksamhetschef' : 'Enhetschef';
    dir.persons[head].title = title;
    for (const e of engagementsOf.get(head) ?? []) if (e.unit === u) e.title = title;
  }

  // Delegations: each head grants a few of the unit's staff order and/or attest rights.
  const grant = (delegate: number, unit: number, kind: 'BOTH' | 'ATTEST' | 'LIMITED', validFrom: number) => {
    const u = dir.units[unit];
    const grantor = u.head;
    if (delegate === grantor) return;
    const engaged = (engagementsOf.get(delegate) ?? []).find(
      (e) => e.validFrom <= validFrom && (e.validTo === -1 || e.validTo >= validFrom),
    );
    if (!engaged) return;
    const createdDay = workday(Math.max(HISTORY_START_DAY - 25, validFrom - rng.int(0, 10)));
    const createdAt = stockholmTime(Math.min(createdDay, validFrom), 8 + rng.next() * 8);
    if (createdAt > REFERENCE_TIME - 3_600_000) return;
    let validTo = rng.chance(0.3) ? validFrom + rng.int(60, 1_500) : -1;
    if (engaged.validTo !== -1 && (validTo === -1 || validTo > engaged.validTo)) validTo = engaged.validTo;
    if (validFrom <= REFERENCE_DAY && rng.chance(0.012)) validTo = REFERENCE_DAY + rng.int(1, 13);
    let revokedAt = 0;
    if (rng.chance(0.1)) {
      const latest = Math.min(
        REFERENCE_TIME - 86_400_000,
        validTo === -1 ? REFERENCE_TIME : stockholmTime(validTo, 12),
      );
      if (latest > createdAt + 30 * 86_400_000)
        revokedAt = Math.round(
          createdAt + 30 * 86_400_000 + rng.next() * (latest - createdAt - 30 * 86_400_000),
        );
    }
    const orderable = u.assignments.filter(
      (a) => u.privateProvider || !CATALOGUE[dir.assignments[a].catalogue].privateProviderOnly,
    );
    const assignments = kind === 'LIMITED' ? [rng.pick(orderable)] : [];
    dir.delegations.push({
      id: regionId(ID_KIND.delegation, dir.delegations.length),
      delegate,
      unit,
      grantor,
      mayOrder: kind !== 'ATTEST',
      mayAttest: true,
      validFrom,
      validTo,
      createdAt,
      revokedAt,
      assignments,
      existing: false,
    });
  };
  const delegationStart = () =>
    rng.chance(0.6) ? HISTORY_START_DAY - rng.int(0, 20) : rng.int(HISTORY_START_DAY, REFERENCE_DAY + 20);
  for (let u = 1; u < dir.units.length; u++) {
    const count = rng.weighted([0, 1, 2, 3], cumulativeWeights([0.12, 0.35, 0.33, 0.2]));
    const staff = staffOf[u].filter((p) => p !== dir.units[u].head);
    for (let k = 0; k < count && staff.length > 0; k++) {
      const kind = rng.weighted(['BOTH', 'ATTEST', 'LIMITED'] as const, cumulativeWeights([0.55, 0.35, 0.1]));
      grant(rng.pick(staff), u, kind, delegationStart());
    }
  }
  // Coordinators of an administration: attest (some also order) at several of its units.
  const byAdministration = new Map<number, number[]>();
  dir.units.forEach((unit, n) => {
    if (n === 0 || unit.privateProvider) return;
    byAdministration.set(unit.administration, [...(byAdministration.get(unit.administration) ?? []), n]);
  });
  const administrationsWithUnits = [...byAdministration.entries()].filter(([, units]) => units.length >= 8);
  for (let c = 0; c < 250; c++) {
    const [, units] = rng.pick(administrationsWithUnits);
    const home = rng.pick(units);
    const delegate = staffOf[home].find((p) => stays(p, home) && p !== dir.units[home].head);
    if (delegate === undefined) continue;
    const kind = rng.chance(0.6) ? 'ATTEST' : 'BOTH';
    const from = HISTORY_START_DAY - rng.int(0, 20) + (rng.chance(0.3) ? rng.int(0, 900) : 0);
    const chosen = new Set<number>();
    for (let k = rng.int(4, 12); k > 0; k--) chosen.add(rng.pick(units));
    for (const unit of chosen) grant(delegate, unit, kind, from);
  }
  // Solgläntan before the demo's delegations (eriho2 and sarbe3 from 2026-01-01): a delegate who
  // ordered and attested until the end of 2025, and one whose attest right was revoked in 2024.
  const solStaff = staffOf[dir.solglantan].filter((p) => stays(p, dir.solglantan));
  const earlier = [
    { delegate: solStaff[0], mayOrder: true, validTo: dayOf('2025-12-31'), revokedAt: 0 },
    {
      delegate: solStaff[1],
      mayOrder: false,
      validTo: -1,
      revokedAt: Date.parse('2024-05-14T08:12:31.000Z'),
    },
  ];
  for (const e of earlier) {
    dir.delegations.push({
      id: regionId(ID_KIND.delegation, dir.delegations.length),
      delegate: e.delegate,
      unit: dir.solglantan,
      grantor: dir.personas.karlu1,
      mayOrder: e.mayOrder,
      mayAttest: true,
      validFrom: HISTORY_START_DAY - 10,
      validTo: e.validTo,
      createdAt: stockholmTime(HISTORY_START_DAY - 14, 10.25),
      revokedAt: e.revokedAt,
      assignments: [],
      existing: false,
    });
  }
  const demoFrom = dayOf('2026-01-01');
  const demoCreated = Date.parse('2025-12-15T09:00:00.000Z');
  for (const [persona, mayOrder] of [
    [dir.personas.eriho2, true],
    [dir.personas.sarbe3, false],
  ] as const) {
    dir.delegations.push({
      id: '',
      delegate: persona,
      unit: dir.solglantan,
      grantor: dir.personas.karlu1,
      mayOrder,
      mayAttest: true,
      validFrom: demoFrom,
      validTo: -1,
      createdAt: demoCreated,
      revokedAt: 0,
      assignments: [],
      existing: true,
    });
  }

  dir.rights = dir.units.map((unit) => [
    { person: unit.head, mayOrder: true, mayAttest: true, from: -Infinity, until: Infinity },
  ]);
  for (const d of dir.delegations) {
    if (d.assignments.length > 0) continue;
    const ends = d.validTo === -1 ? Infinity : d.validTo + 1;
    const revoked = d.revokedAt ? stockholmDay(d.revokedAt) : Infinity;
    dir.rights[d.unit].push({
      person: d.delegate,
      mayOrder: d.mayOrder,
      mayAttest: d.mayAttest,
      from: d.validFrom,
      until: Math.min(ends, revoked),
    });
  }
  return dir;
}

function addEngagement(
  dir: Directory,
  rng: Rng,
  person: number,
  unit: number,
  validFrom: number,
  validTo: number,
  title: string,
  createdAt: number,
): void {
  const p = dir.persons[person];
  const created =
    createdAt ||
    (validFrom < HISTORY_START_DAY
      ? p.createdAt + 1
      : stockholmTime(
          workday(Math.max(HISTORY_START_DAY - 20, validFrom - rng.int(2, 15))),
          7 + rng.next() * 9,
        ));
  // When the end was written: some weeks before it (an UPDATED event); 0 when the engagement was
  // created with its end already known.
  let endedAt = 0;
  if (validTo >= 0) {
    let written = stockholmTime(workday(Math.max(validFrom, validTo - rng.int(3, 30))), 7 + rng.next() * 9);
    if (written >= REFERENCE_TIME) written = REFERENCE_TIME - rng.int(1, 20) * 86_400_000;
    if (written > created + 60_000) endedAt = written;
  }
  dir.engagements.push({
    id: '',
    person,
    unit,
    costCentre: dir.units[unit].costCentre,
    title,
    validFrom,
    validTo,
    createdAt: Math.min(created, REFERENCE_TIME - 60_000),
    endedAt,
  });
}
