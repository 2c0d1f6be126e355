import type { Entry } from 'ldapts';
import type { LdapMapping } from '../../config/directory.config.js';
import { parsePersonnummer } from '../../common/personnummer.js';
import type { AssignmentKind } from '../entities/assignment.entity.js';
import type { Purpose } from '../entities/base.js';

/**
 * KIV's entries as the directory's rows (README, Directory source: the attribute mapping). Each
 * reader answers the row or a Swedish sentence saying why the entry cannot be used; the sync
 * reports such an entry in its run and skips it. Column limits are checked here, so that one
 * entry can never break a bulk statement.
 */

/** Every row keeps its entry's DN as LDAP gave it (for errors); compare with normalDn. */
export interface ProviderEntry {
  dn: string;
  hsaId: string;
  name: string;
  kind: 'REGIONAL' | 'PRIVATE';
}
export interface AdministrationEntry {
  dn: string;
  parentDn: string;
  code: string;
  name: string;
}
export interface UnitEntry {
  dn: string;
  parentDn: string;
  hsaId: string;
  name: string;
  managerHsaId: string | null;
}
export interface PersonEntry {
  dn: string;
  hsaId: string;
  userId: string;
  firstName: string;
  lastName: string;
  personnummer: string | null;
  passportNumber: string | null;
  title: string | null;
  email: string | null;
  protectedIdentity: boolean;
}
export interface EngagementEntry {
  dn: string;
  parentDn: string;
  hsaId: string;
  unitHsaId: string;
  costCentre: string;
  title: string | null;
  validFrom: string;
  validTo: string | null;
}
export interface CommissionEntry {
  dn: string;
  parentDn: string;
  hsaId: string;
  name: string;
  purpose: Purpose;
  kind: AssignmentKind;
  rights: string[];
  members: string[];
  privateProviderOnly: boolean;
  description: string | null;
}

export type Kind = 'provider' | 'administration' | 'unit' | 'person' | 'engagement' | 'commission';

/** An entry that cannot be used: its DN and why, in Swedish. */
export interface EntryError {
  dn: string;
  message: string;
}

export type Read<T> = { ok: true; row: T } | { ok: false; error: EntryError };

const PURPOSES: Record<string, Purpose> = {
  'vård och behandling': 'CARE_AND_TREATMENT',
  kvalitetssäkring: 'QUALITY_ASSURANCE',
  administration: 'ADMINISTRATION',
  statistik: 'STATISTICS',
};

/** A DN in one form for comparing: parts trimmed, lower case. */
export function normalDn(dn: string): string {
  return splitDn(dn)
    .map((part) => part.trim().toLowerCase())
    .join(',');
}

/** A DN's parts (RDNs), split at commas that are not escaped. */
function splitDn(dn: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < dn.length; i++) {
    const c = dn[i];
    if (c === '\\' && i + 1 < dn.length) {
      current += c + dn[i + 1];
      i++;
    } else if (c === ',') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** The parent entry's DN (normalised). */
export function parentDn(dn: string): string {
  return normalDn(splitDn(dn).slice(1).join(','));
}

/** The entry's attributes by lower-case name, each as strings. */
class Attrs {
  private readonly values = new Map<string, string[]>();
  constructor(readonly entry: Entry) {
    for (const [name, value] of Object.entries(entry)) {
      if (name === 'dn') continue;
      const list = Array.isArray(value) ? value : [value];
      this.values.set(
        name.toLowerCase(),
        list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v))),
      );
    }
  }
  all(name: string): string[] {
    return (this.values.get(name.toLowerCase()) ?? []).map((v) => v.trim()).filter((v) => v !== '');
  }
  one(name: string): string | null {
    return this.all(name)[0] ?? null;
  }
  has(objectClass: string): boolean {
    return this.all('objectClass').some((c) => c.toLowerCase() === objectClass.toLowerCase());
  }
}

class Broken extends Error {}

function required(a: Attrs, name: string, what: string, max: number): string {
  const value = a.one(name);
  if (value === null) throw new Broken(`${what} saknas (attributet ${name}).`);
  if (value.length > max) throw new Broken(`${what} är längre än ${max} tecken (attributet ${name}).`);
  return value;
}

function optional(a: Attrs, name: string, what: string, max: number): string | null {
  const value = a.one(name);
  if (value !== null && value.length > max) {
    throw new Broken(`${what} är längre än ${max} tecken (attributet ${name}).`);
  }
  return value;
}

function hsaId(a: Attrs, name: string, what = 'HSA-id'): string {
  return required(a, name, what, 64).toUpperCase();
}

function flag(a: Attrs, name: string): boolean {
  const value = a.one(name);
  if (value === null) return false;
  if (/^true$/i.test(value)) return true;
  if (/^false$/i.test(value)) return false;
  throw new Broken(`Attributet ${name} ska vara TRUE eller FALSE (är '${value}').`);
}

/** YYYYMMDD (LDAP) → YYYY-MM-DD, checked to be a real date. */
function date(a: Attrs, name: string, what: string): string | null {
  const value = a.one(name);
  if (value === null) return null;
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  const parsed = m ? new Date(`${iso}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    throw new Broken(`${what} ska vara ett datum ÅÅÅÅMMDD (attributet ${name} är '${value}').`);
  }
  return iso;
}

function read<T>(entry: Entry, make: (a: Attrs) => T): Read<T> {
  try {
    return { ok: true, row: make(new Attrs(entry)) };
  } catch (error) {
    if (error instanceof Broken) return { ok: false, error: { dn: entry.dn, message: error.message } };
    throw error;
  }
}

/** Which of BEH's kinds an entry is, by its object classes; undefined: none (ignored). */
export function kindOf(entry: Entry, map: LdapMapping): Kind | undefined {
  const a = new Attrs(entry);
  if (a.has(map.commissionClass)) return 'commission';
  if (a.has(map.engagementClass)) return 'engagement';
  if (a.has(map.personClass)) return 'person';
  if (a.has(map.unitClass)) return 'unit';
  if (a.has(map.administrationClass)) return 'administration';
  if (a.has(map.providerClass)) return 'provider';
  return undefined;
}

/** Every attribute the sync asks for. */
export function attributesOf(map: LdapMapping): string[] {
  return [...new Set(['objectClass', ...Object.values(map)])];
}

export const readProvider = (entry: Entry, map: LdapMapping): Read<ProviderEntry> =>
  read(entry, (a) => {
    const type = (a.one(map.providerType) ?? 'REGIONAL').toUpperCase();
    if (type !== 'REGIONAL' && type !== 'PRIVATE') {
      throw new Broken(
        `Vårdgivartypen ska vara REGIONAL eller PRIVATE (attributet ${map.providerType} är '${type}').`,
      );
    }
    return {
      dn: entry.dn,
      hsaId: hsaId(a, map.hsaId),
      name: required(a, map.providerName, 'Vårdgivarens namn', 200),
      kind: type,
    };
  });

export const readAdministration = (entry: Entry, map: LdapMapping): Read<AdministrationEntry> =>
  read(entry, (a) => ({
    dn: entry.dn,
    parentDn: parentDn(entry.dn),
    code: required(a, map.administrationCode, 'Förvaltningens kod', 32),
    name: required(a, map.administrationName, 'Förvaltningens namn', 200),
  }));

export const readUnit = (entry: Entry, map: LdapMapping): Read<UnitEntry> =>
  read(entry, (a) => ({
    dn: entry.dn,
    parentDn: parentDn(entry.dn),
    hsaId: hsaId(a, map.hsaId),
    name: required(a, map.unitName, 'Vårdenhetens namn', 200),
    managerHsaId: optional(a, map.unitManager, 'Verksamhetschefens HSA-id', 64)?.toUpperCase() ?? null,
  }));

export const readPerson = (entry: Entry, map: LdapMapping): Read<PersonEntry> =>
  read(entry, (a) => {
    const raw = a.one(map.personnummer);
    let personnummer: string | null = null;
    if (raw !== null) {
      const parsed = parsePersonnummer(raw);
      if (!parsed.ok)
        throw new Broken(`Felaktigt personnummer (attributet ${map.personnummer}): ${parsed.message}`);
      personnummer = parsed.value;
    }
    const passportNumber = optional(a, map.passportNumber, 'Passnumret', 32);
    if (personnummer === null && passportNumber === null) {
      throw new Broken(
        `Personen saknar både personnummer (${map.personnummer}) och passnummer (${map.passportNumber}).`,
      );
    }
    return {
      dn: entry.dn,
      hsaId: hsaId(a, map.hsaId),
      userId: required(a, map.userId, 'VGR-ID', 32),
      firstName: required(a, map.firstName, 'Förnamnet', 100),
      lastName: required(a, map.lastName, 'Efternamnet', 100),
      personnummer,
      passportNumber,
      title: optional(a, map.title, 'Titeln', 200),
      email: optional(a, map.email, 'E-postadressen', 254),
      protectedIdentity: flag(a, map.protectedPerson),
    };
  });

export const readEngagement = (entry: Entry, map: LdapMapping): Read<EngagementEntry> =>
  read(entry, (a) => {
    const validFrom = date(a, map.startDate, 'Startdatumet');
    if (validFrom === null) throw new Broken(`Startdatumet saknas (attributet ${map.startDate}).`);
    const validTo = date(a, map.endDate, 'Slutdatumet');
    if (validTo !== null && validTo < validFrom) {
      throw new Broken(`Slutdatumet ${validTo} ligger före startdatumet ${validFrom}.`);
    }
    return {
      dn: entry.dn,
      parentDn: parentDn(entry.dn),
      hsaId: hsaId(a, map.hsaId),
      unitHsaId: hsaId(a, map.engagementUnit, 'Engagemangets vårdenhet'),
      costCentre: required(a, map.costCentre, 'Ansvarsnumret', 16),
      title: optional(a, map.engagementTitle, 'Titeln', 200),
      validFrom,
      validTo,
    };
  });

export const readCommission = (entry: Entry, map: LdapMapping): Read<CommissionEntry> =>
  read(entry, (a) => {
    const purposeText = a.one(map.commissionPurpose);
    const purpose = purposeText === null ? undefined : PURPOSES[purposeText.toLowerCase()];
    if (!purpose) {
      throw new Broken(
        purposeText === null
          ? `Syftet saknas (attributet ${map.commissionPurpose}).`
          : `Okänt syfte '${purposeText}' (attributet ${map.commissionPurpose}).`,
      );
    }
    const kind = (a.one(map.commissionKind) ?? 'GENERAL').toUpperCase();
    if (kind !== 'GENERAL' && kind !== 'SPECIAL') {
      throw new Broken(
        `Uppdragstypen ska vara GENERAL eller SPECIAL (attributet ${map.commissionKind} är '${kind}').`,
      );
    }
    return {
      dn: entry.dn,
      parentDn: parentDn(entry.dn),
      hsaId: hsaId(a, map.hsaId),
      name: required(a, map.commissionName, 'Uppdragets namn', 200),
      purpose,
      kind,
      rights: a.all(map.commissionRight),
      members: [...new Set(a.all(map.commissionMember).map((m) => m.toUpperCase()))].filter(
        (m) => m.length <= 64,
      ),
      privateProviderOnly: flag(a, map.privateProviderOnly),
      description: a.one(map.description),
    };
  });
