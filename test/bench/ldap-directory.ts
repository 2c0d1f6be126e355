/**
 * A region's KIV as LDIF, for bench:ldap-sync: 60,000 persons with their engagements, 1,500 care
 * units with their heads under 30 administrations of the region and 20 private care providers, and
 * 10,000 commissions (hsaCommission) whose members number from a handful up to 500. Deterministic
 * (one seed), in the tree and attribute names of test/ldap/hsa.schema, streamed to a file that
 * slapadd loads offline (test/support/slapd.ts, preloadLdif).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { prng, syntheticPersonnummer } from '../../server/src/seed/seed-ids.js';
import { LDAP_BASE_DN } from '../support/slapd.js';
import { FEMALE_NAMES, LAST_NAMES, MALE_NAMES, PLACES, TITLES } from './region/names.js';

/** The region's first names, as bench:region draws them. */
const FIRST = [...FEMALE_NAMES, ...MALE_NAMES];
const LAST = LAST_NAMES;

export const LDAP_REGION = {
  persons: 60_000,
  units: 1_500,
  commissions: 10_000,
  administrations: 30,
  privateProviders: 20,
  maxMembers: 500,
};

const KINDS = [
  'Vårdcentralen',
  'Mottagning',
  'Avdelning',
  'Rehab',
  'Barnmorskemottagning',
  'Psykiatrimottagning',
];
const PURPOSES = ['Vård och behandling', 'Kvalitetssäkring', 'Administration', 'Statistik'];
const COMMISSIONS = [
  ['Vård och behandling SJF', 'Vård och behandling', 'Läsa;alla;SJF'],
  ['Vård och behandling', 'Vård och behandling', 'Läsa;egen enhet;VG'],
  ['Kvalitetssäkring', 'Kvalitetssäkring', 'Läsa;alla;VG'],
  ['Administration', 'Administration', 'Skriva;egen enhet;VG'],
  ['Statistik', 'Statistik', 'Läsa;alla;VG'],
  ['Vård och behandling akut', 'Vård och behandling', 'Läsa;alla;SJF'],
  ['Intyg', 'Administration', 'Skriva;egen enhet;VG'],
] as const;

/** One LDIF line: values that are not plain ASCII (or start awkwardly) are base64, as RFC 2849 asks. */
function line(attribute: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  const safe = /^[\x01-\x09\x0b\x0c\x0e-\x1f\x21-\x39\x3b\x3d-\x7f][\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(
    value,
  );
  return safe && !value.endsWith(' ')
    ? `${attribute}: ${value}\n`
    : `${attribute}:: ${Buffer.from(value, 'utf8').toString('base64')}\n`;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const personHsaId = (i: number) => `SE2321000131-P${pad(500_000 + i, 12)}`;
export const unitHsaId = (u: number) => `SE2321000131-E${pad(700_000 + u, 12)}`;
export const commissionHsaId = (c: number) => `SE2321000131-F${pad(900_000 + c, 12)}`;
const engagementHsaId = (e: number) => `SE2321000131-G${pad(300_000 + e, 12)}`;
const yyyymmdd = (day: Date) => day.toISOString().slice(0, 10).replaceAll('-', '');

export interface LdapRegionFile {
  entries: number;
  memberships: number;
  engagements: number;
  /** DNs of persons and of units, for the incremental benchmark's changes. */
  personDn: (i: number) => string;
  commissionDn: (c: number) => string;
}

/** Writes the region to `file`; answers what it holds. */
export async function writeLdapRegion(file: string): Promise<LdapRegionFile> {
  const next = prng(20_261_205);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const out = createWriteStream(file);
  let buffered = '';
  let entries = 0;
  // Every entry as last changed long ago (slapadd keeps these): an incremental sync then reads only
  // what the benchmark changes, as in a directory loaded years before.
  const stamp = 'createTimestamp: 20250101000000Z\nmodifyTimestamp: 20250101000000Z\n';
  const entry = async (text: string) => {
    buffered += `${text}${stamp}\n`;
    entries++;
    if (buffered.length > 1 << 20) {
      if (!out.write(buffered)) await once(out, 'drain');
      buffered = '';
    }
  };

  const people = `ou=Personal,${LDAP_BASE_DN}`;
  await entry(`dn: ${people}\nobjectClass: organizationalUnit\nou: Personal\n`);

  // Providers and administrations: the region (with every administration) and private providers.
  const regionDn = `hsaIdentity=SE2321000131-E000000000001,${LDAP_BASE_DN}`;
  await entry(
    `dn: ${regionDn}\nobjectClass: organization\nobjectClass: hsaCareProvider\n` +
      line('o', 'Västra Götalandsregionen') +
      `hsaIdentity: SE2321000131-E000000000001\nhsaCareProviderType: REGIONAL\n`,
  );
  const administrationDns: string[] = [];
  for (let a = 0; a < LDAP_REGION.administrations; a++) {
    const code = `A${pad(a + 1, 2)}`;
    const dn = `hsaAdministrationCode=${code},${regionDn}`;
    administrationDns.push(dn);
    await entry(
      `dn: ${dn}\nobjectClass: organizationalUnit\nobjectClass: hsaAdministration\n` +
        line('ou', `Förvaltning ${PLACES[a % PLACES.length]} ${a + 1}`) +
        `hsaAdministrationCode: ${code}\n`,
    );
  }
  for (let p = 0; p < LDAP_REGION.privateProviders; p++) {
    const hsaId = `SE55${pad(69_000_000 + p * 1_931, 8)}-E000000000001`;
    const dn = `hsaIdentity=${hsaId},${LDAP_BASE_DN}`;
    await entry(
      `dn: ${dn}\nobjectClass: organization\nobjectClass: hsaCareProvider\n` +
        line('o', `${PLACES[p % PLACES.length]} Vård AB ${p + 1}`) +
        `hsaIdentity: ${hsaId}\nhsaCareProviderType: PRIVATE\n`,
    );
    const code = `P${pad(p + 1, 2)}`;
    const admin = `hsaAdministrationCode=${code},${dn}`;
    administrationDns.push(admin);
    await entry(
      `dn: ${admin}\nobjectClass: organizationalUnit\nobjectClass: hsaAdministration\n` +
        line('ou', `Verksamhet ${p + 1}`) +
        `hsaAdministrationCode: ${code}\n`,
    );
  }

  // Staff per unit: uneven (a few large units, many small); every person works at one home unit,
  // one in ten at a second unit too.
  const units = LDAP_REGION.units;
  const weights = Array.from({ length: units }, (_, u) => 1 / Math.pow((u % 300) + 1, 0.6));
  const total = weights.reduce((s, w) => s + w, 0);
  const staff: number[][] = Array.from({ length: units }, () => []);
  const home = new Int32Array(LDAP_REGION.persons);
  let cursor = 0;
  for (let u = 0; u < units; u++) {
    const count =
      u === units - 1 ? LDAP_REGION.persons - cursor : Math.round((weights[u] / total) * LDAP_REGION.persons);
    for (let k = 0; k < count && cursor < LDAP_REGION.persons; k++) {
      staff[u].push(cursor);
      home[cursor++] = u;
    }
  }
  const second = new Int32Array(LDAP_REGION.persons).fill(-1);
  for (let i = 0; i < LDAP_REGION.persons; i++) {
    if (next() < 0.1) {
      const u = int(0, units - 1);
      if (u !== home[i]) {
        second[i] = u;
        staff[u].push(i);
      }
    }
  }

  // Units with their heads and commissions.
  const unitDns: string[] = [];
  let commission = 0;
  let memberships = 0;
  const commissionDns: string[] = [];
  for (let u = 0; u < units; u++) {
    const administration = administrationDns[u % administrationDns.length];
    const dn = `hsaIdentity=${unitHsaId(u)},${administration}`;
    unitDns.push(dn);
    const head = staff[u].length > 0 ? staff[u][0] : u;
    await entry(
      `dn: ${dn}\nobjectClass: organizationalUnit\nobjectClass: hsaHealthCareUnit\n` +
        line('ou', `${KINDS[u % KINDS.length]} ${PLACES[(u * 7) % PLACES.length]} ${u + 1}`) +
        `hsaIdentity: ${unitHsaId(u)}\nhsaUnitManager: ${personHsaId(head)}\n`,
    );
    const perUnit =
      u < LDAP_REGION.commissions % units
        ? Math.ceil(LDAP_REGION.commissions / units)
        : Math.floor(LDAP_REGION.commissions / units);
    for (let k = 0; k < perUnit; k++, commission++) {
      const [name, purpose, right] = COMMISSIONS[k % COMMISSIONS.length];
      const cdn = `hsaIdentity=${commissionHsaId(commission)},${dn}`;
      commissionDns.push(cdn);
      // Most hold a share of the unit's staff; one in fifty is region-wide and reaches 500.
      const wide = commission % 50 === 7;
      const want = wide
        ? LDAP_REGION.maxMembers
        : Math.min(LDAP_REGION.maxMembers, Math.floor(staff[u].length * (0.3 + next() * 0.6)));
      const members = new Set<number>();
      for (const p of staff[u]) {
        if (members.size >= want) break;
        if (next() < 0.8) members.add(p);
      }
      while (members.size < want) members.add(int(0, LDAP_REGION.persons - 1));
      memberships += members.size;
      let text =
        `dn: ${cdn}\nobjectClass: hsaCommission\n` +
        line('cn', name) +
        `hsaIdentity: ${commissionHsaId(commission)}\n` +
        line('hsaCommissionPurpose', purpose ?? pick(PURPOSES)) +
        line('hsaCommissionRight', right) +
        `hsaCommissionKind: ${k % 4 === 3 ? 'SPECIAL' : 'GENERAL'}\n`;
      for (const p of members) text += `hsaCommissionMember: ${personHsaId(p)}\n`;
      await entry(text);
    }
  }

  // Persons and their engagements (entries under the person).
  let engagements = 0;
  const today = new Date(Date.UTC(2026, 11, 5));
  for (let i = 0; i < LDAP_REGION.persons; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const year = 1950 + (i % 50);
    const birth = `${year}${pad(1 + (Math.floor(i / 50) % 12), 2)}${pad(1 + (Math.floor(i / 600) % 28), 2)}`;
    const pnr = syntheticPersonnummer(birth, Math.floor(i / 16_800) * 100 + (i % 100) + 1);
    const dn = `hsaIdentity=${personHsaId(i)},${people}`;
    const title = pick(TITLES);
    await entry(
      `dn: ${dn}\nobjectClass: inetOrgPerson\nobjectClass: hsaPerson\n` +
        `hsaIdentity: ${personHsaId(i)}\nuid: reg${pad(i, 6)}\n` +
        line('givenName', first) +
        line('sn', last) +
        line('cn', `${first} ${last}`) +
        `personalIdentityNumber: ${pnr}\n` +
        line('title', title) +
        `mail: reg${pad(i, 6)}@region.test\n` +
        `hsaProtectedPerson: ${i % 997 === 0 ? 'TRUE' : 'FALSE'}\n`,
    );
    for (const u of second[i] >= 0 ? [home[i], second[i]] : [home[i]]) {
      const start = new Date(today.getTime() - int(30, 3650) * 86_400_000);
      await entry(
        `dn: hsaIdentity=${engagementHsaId(engagements)},${dn}\nobjectClass: hsaEngagement\n` +
          `hsaIdentity: ${engagementHsaId(engagements)}\nhsaEngagementUnit: ${unitHsaId(u)}\n` +
          `hsaCostCentre: K${pad(u, 5)}\n` +
          line('title', title) +
          `hsaStartDate: ${yyyymmdd(start)}\n`,
      );
      engagements++;
    }
  }
  out.write(buffered);
  out.end();
  await once(out, 'finish');
  return {
    entries,
    memberships,
    engagements,
    personDn: (i) => `hsaIdentity=${personHsaId(i)},${people}`,
    commissionDn: (c) => commissionDns[c],
  };
}
