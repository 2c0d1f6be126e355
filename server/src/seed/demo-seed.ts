import type { DataSource, EntityManager } from 'typeorm';
import {
  ADMINISTRATIONS,
  CATALOGUE,
  FIRST_NAMES,
  LAST_NAMES,
  PERSONAS,
  PROVIDERS,
  SYSTEM_GUIDE,
  TITLES,
  UNITS,
} from './demo-data.js';
import { seedDemoCertificates } from './demo-certificates.js';
import { buildAccessCatalogueRows } from './demo-access-catalogue.js';
import { buildDelegationRows, seedDelegationEvents } from './demo-delegations.js';
import { prng, type Row, seedId, syntheticPersonnummer } from './seed-ids.js';

export const GENERATED_STAFF = 320;

interface SeedRows {
  care_provider: Row[];
  administration: Row[];
  person: Row[];
  care_unit: Row[];
  engagement: Row[];
  assignment: Row[];
  held_assignment: Row[];
  system_guide: Row[];
  delegation: Row[];
  local_system: Row[];
  system_role: Row[];
  access_area: Row[];
  access_operation: Row[];
  profession: Row[];
  access_template: Row[];
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

const unitId = (key: string) => seedId(`unit:${key}`);
const assignmentId = (unit: string, name: string) => seedId(`assignment:${unit}:${name}`);
const personId = (userId: string) => seedId(`person:${userId}`);

/** Builds every demo row in memory; the same input gives the same rows, ids included. */
export function buildDemoRows(): SeedRows {
  const rows: SeedRows = {
    care_provider: PROVIDERS.map((p) => ({
      id: seedId(`provider:${p.key}`),
      hsa_id: p.hsaId,
      name: p.name,
      kind: p.kind,
    })),
    administration: ADMINISTRATIONS.map((a) => ({
      id: seedId(`administration:${a.code}`),
      code: a.code,
      name: a.name,
      care_provider_id: seedId(`provider:${a.provider}`),
      head_person_id: a.head ? personId(a.head) : null,
    })),
    person: [],
    care_unit: [],
    engagement: [],
    assignment: [],
    held_assignment: [],
    system_guide: SYSTEM_GUIDE.map((s) => ({
      id: seedId(`system:${s.systemName}:${s.useCase}`),
      system_name: s.systemName,
      use_case: s.useCase,
      purpose: s.purpose,
      assignment_name: s.assignmentName,
      note: s.note,
    })),
    delegation: [],
    local_system: [],
    system_role: [],
    access_area: [],
    access_operation: [],
    profession: [],
    access_template: [],
  };
  const unitByKey = new Map(UNITS.map((u) => [u.key, u]));
  const usedPnr = new Set<string>();
  const heads = new Map<string, string>();

  for (const unit of UNITS) {
    CATALOGUE.forEach((a, index) => {
      rows.assignment.push({
        id: assignmentId(unit.key, a.name),
        hsa_id: `${unit.hsaId.replace(/-E\d+$/, '')}-F${unit.hsaId.slice(-9)}${index + 1}00`,
        care_unit_id: unitId(unit.key),
        name: a.name,
        purpose: a.purpose,
        kind: a.kind,
        description: a.description,
        private_provider_only: a.privateProviderOnly,
        requires_local_access: a.requiresLocalAccess,
      });
    });
  }

  const addPerson = (p: {
    userId: string;
    hsaId: string;
    firstName: string;
    lastName: string;
    title: string;
    personnummer: string | null;
    passportNumber: string | null;
    protectedIdentity: boolean;
    isAdministrator: boolean;
  }) => {
    if (p.personnummer) usedPnr.add(p.personnummer);
    rows.person.push({
      id: personId(p.userId),
      hsa_id: p.hsaId,
      user_id: p.userId,
      personnummer: p.personnummer,
      passport_number: p.passportNumber,
      first_name: p.firstName,
      last_name: p.lastName,
      title: p.title,
      email: `${fold(p.firstName)}.${fold(p.lastName)}@vgr.example`,
      protected_identity: p.protectedIdentity,
      is_administrator: p.isAdministrator,
    });
  };
  const addEngagement = (userId: string, unitKey: string, title: string, from: string, to: string | null) => {
    const unit = unitByKey.get(unitKey);
    if (!unit) throw new Error(`Unknown unit ${unitKey}`);
    rows.engagement.push({
      id: seedId(`engagement:${userId}:${unitKey}`),
      person_id: personId(userId),
      care_unit_id: unitId(unitKey),
      cost_centre: unit.costCentre,
      title,
      valid_from: from,
      valid_to: to,
    });
  };
  const addHeld = (userId: string, unitKey: string, assignment: string, from: string) => {
    rows.held_assignment.push({
      id: seedId(`held:${userId}:${unitKey}:${assignment}`),
      person_id: personId(userId),
      assignment_id: assignmentId(unitKey, assignment),
      valid_from: from,
      valid_to: null,
    });
  };

  for (const p of PERSONAS) {
    addPerson({
      userId: p.userId,
      hsaId: p.hsaId,
      firstName: p.firstName,
      lastName: p.lastName,
      title: p.title,
      personnummer: p.birthDate ? syntheticPersonnummer(p.birthDate, p.serial) : null,
      passportNumber: p.passportNumber ?? null,
      protectedIdentity: false,
      isAdministrator: p.isAdministrator ?? false,
    });
    addEngagement(p.userId, p.unit, p.title, p.engagementFrom, p.engagementTo ?? null);
    for (const h of p.holds ?? []) addHeld(p.userId, h.unit, h.assignment, h.from);
  }
  for (const unit of UNITS) if (unit.head) heads.set(unit.key, personId(unit.head));

  const random = prng(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const regionalUnits = UNITS.filter((u) => u.key !== 'privat');
  const pad = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < GENERATED_STAFF; i++) {
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    const userId = `${fold(firstName).slice(0, 3)}${fold(lastName).slice(0, 2)}${10 + i}`;
    // Every 40th works for the private provider; the rest are spread over the regional units.
    const unit = i % 40 === 39 ? unitByKey.get('privat')! : regionalUnits[i % regionalUnits.length];
    const isHead = !heads.has(unit.key);
    const title = isHead ? 'Verksamhetschef' : pick(TITLES);
    const passportOnly = i % 37 === 5;
    let personnummer: string | null = null;
    if (!passportOnly) {
      const birth = `${1958 + Math.floor(random() * 45)}${pad(1 + Math.floor(random() * 12))}${pad(1 + Math.floor(random() * 28))}`;
      let serial = Math.floor(random() * 999);
      do personnummer = syntheticPersonnummer(birth, serial++ % 1000);
      while (usedPnr.has(personnummer));
    }
    addPerson({
      userId,
      hsaId: `SE2321000131-P${String(1000 + i).padStart(12, '0')}`,
      firstName,
      lastName,
      title,
      personnummer,
      passportNumber: passportOnly ? `PB${String(4000000 + i * 7919).slice(0, 7)}` : null,
      protectedIdentity: i % 53 === 17,
      isAdministrator: false,
    });
    if (isHead) heads.set(unit.key, personId(userId));
    const from = `${2010 + Math.floor(random() * 15)}-${pad(1 + Math.floor(random() * 12))}-01`;
    const ended = !isHead && i % 17 === 3;
    addEngagement(userId, unit.key, title, from, ended ? '2025-06-30' : null);
    if (i % 23 === 11) addEngagement(userId, pick(regionalUnits).key, title, from, null);
    if (!ended && random() < 0.4) addHeld(userId, unit.key, 'VoB SJF', from);
    if (!ended && random() < 0.08) addHeld(userId, unit.key, 'Kvalitetssäkring', from);
  }
  // A second engagement at a unit already engaged at would clash on the seed id; keep the first.
  const seen = new Set<string>();
  rows.engagement = rows.engagement.filter((e) => !seen.has(String(e.id)) && seen.add(String(e.id)));

  for (const unit of UNITS) {
    rows.care_unit.push({
      id: unitId(unit.key),
      hsa_id: unit.hsaId,
      name: unit.name,
      administration_id: seedId(`administration:${unit.administration}`),
      head_of_unit_id: heads.get(unit.key) ?? null,
    });
  }

  Object.assign(rows, buildDelegationRows());
  return rows;
}

/** Inserts the link rows (no id of their own) that are not there yet; returns how many. */
async function insertLinks(manager: EntityManager, table: string, rows: Row[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]);
  const params: Row[keyof Row][] = [];
  const values = rows.map((row) => `(${columns.map((c) => `$${params.push(row[c])}`).join(', ')})`);
  const result = (await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING 1`,
    params,
  )) as unknown[];
  return result.length;
}

/** Inserts the rows whose id is not there yet; returns the ids it inserted. */
async function insertRows(manager: EntityManager, table: string, rows: Row[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  if (rows.length === 0) return inserted;
  const columns = Object.keys(rows[0]);
  const chunk = Math.floor(60000 / columns.length);
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const params: Row[keyof Row][] = [];
    const values = slice.map((row) => `(${columns.map((c) => `$${params.push(row[c])}`).join(', ')})`);
    const result = (await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING RETURNING id`,
      params,
    )) as { id: string }[];
    for (const { id } of result) inserted.add(id);
  }
  return inserted;
}

/**
 * The demo seed: the personas of domain.md and a few hundred generated staff. Every row has a
 * stable id and is inserted only when missing, so running it again changes nothing.
 * Returns how many rows were inserted per table.
 */
export interface SeedOptions {
  /** The running server's SIGNING_KEY_SECRET, which seals the signing CA's key. */
  signingKeySecret?: string;
}

export async function seedDemo(
  dataSource: DataSource,
  options: SeedOptions = {},
): Promise<Record<string, number>> {
  const rows = buildDemoRows();
  // The access catalogue: a verksamhet's head is a persona or the head of a demo care unit.
  const unitHeads = new Map(rows.care_unit.map((u) => [String(u.id), String(u.head_of_unit_id)]));
  const catalogue = buildAccessCatalogueRows(
    (head) => (head.startsWith('unit:') ? unitHeads.get(unitId(head.slice(5)))! : personId(head)),
    options.signingKeySecret,
  );
  Object.assign(rows, catalogue);
  return dataSource.transaction(async (manager) => {
    const counts: Record<string, number> = {};
    const insert = async (table: keyof SeedRows, tableRows: Row[] = rows[table]) => {
      const ids = await insertRows(manager, table, tableRows);
      counts[table] = ids.size;
      return ids;
    };
    await insert('care_provider');
    // Administrations and care units name their heads (persons) and persons' engagements name
    // units: insert them without heads, then give those inserted now their heads once the persons exist.
    const newAdministrations = await insert(
      'administration',
      rows.administration.map((a) => ({ ...a, head_person_id: null })),
    );
    const newUnits = await insert(
      'care_unit',
      rows.care_unit.map((u) => ({ ...u, head_of_unit_id: null })),
    );
    await insert('person');
    for (const administration of rows.administration) {
      if (!newAdministrations.has(String(administration.id)) || !administration.head_person_id) continue;
      await manager.query('UPDATE administration SET head_person_id = $2 WHERE id = $1', [
        administration.id,
        administration.head_person_id,
      ]);
    }
    for (const unit of rows.care_unit.filter((u) => newUnits.has(String(u.id)))) {
      await manager.query('UPDATE care_unit SET head_of_unit_id = $2 WHERE id = $1', [
        unit.id,
        unit.head_of_unit_id,
      ]);
    }
    await insert('engagement');
    await insert('assignment');
    await insert('held_assignment');
    await insert('system_guide');
    for (const table of [
      'local_system',
      'system_role',
      'access_area',
      'access_operation',
      'profession',
      'access_template',
    ] as const) {
      await insert(table);
    }
    counts.access_template_role = await insertLinks(
      manager,
      'access_template_role',
      catalogue.access_template_role,
    );
    counts.access_template_profession = await insertLinks(
      manager,
      'access_template_profession',
      catalogue.access_template_profession,
    );
    counts.system_administrator = await insertLinks(
      manager,
      'system_administrator',
      catalogue.system_administrator,
    );
    const newDelegations = await insert('delegation');
    counts.audit_event = await seedDelegationEvents(dataSource, manager, newDelegations);
    Object.assign(counts, await seedDemoCertificates(manager, options.signingKeySecret));
    return counts;
  });
}

/** Seeds the demo data when the directory has no persons yet; true when it did. */
export async function seedIfEmpty(dataSource: DataSource, options: SeedOptions = {}): Promise<boolean> {
  const [{ count }] = (await dataSource.query('SELECT count(*)::int AS count FROM person')) as {
    count: number;
  }[];
  if (count > 0) return false;
  await seedDemo(dataSource, options);
  return true;
}
