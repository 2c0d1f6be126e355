import { luhnCheckDigit } from '../../server/src/common/personnummer.js';

/**
 * LDIF for the sync's tests: a small KIV tree in the shape of the contract (README, Directory
 * source). HSA-ids use the prefix SE2321000999 so they never meet the demo seed's.
 */

export const T = 'SE2321000999';
export const PERSON_BASE = 'ou=Personal,dc=kiv,dc=test';

/** A Luhn-valid personnummer born 1931-01-<day> (no demo persona or generated staff is that old). */
export function pnr(day: number, serial: number): string {
  const birth = `193101${String(day).padStart(2, '0')}`;
  const nine = birth.slice(2) + String(serial).padStart(3, '0');
  return birth + String(serial).padStart(3, '0') + luhnCheckDigit(nine);
}

export const ORG_DN = `o=Testregionen,dc=kiv,dc=test`;
export const ADMIN_DN = `ou=Testförvaltningen,${ORG_DN}`;
export const unitDn = (name: string) => `ou=${name},${ADMIN_DN}`;
export const personDn = (n: number) => `hsaIdentity=${T}-P${n},${PERSON_BASE}`;
export const engagementDn = (n: number, e = 1) => `hsaIdentity=${T}-G${n}${e},${personDn(n)}`;
export const commissionDn = (unit: string, name: string) => `cn=${name},${unitDn(unit)}`;

export function person(n: number, extra: Record<string, string> = {}): string {
  const attrs: Record<string, string> = {
    hsaIdentity: `${T}-P${n}`,
    uid: `ldt${n}`,
    givenName: `Förnamn${n}`,
    sn: `Efternamn${n}`,
    cn: `Förnamn${n} Efternamn${n}`,
    personalIdentityNumber: pnr(1 + (n % 28), n % 1000),
    title: 'Sjuksköterska',
    mail: `ldt${n}@example.se`,
    ...extra,
  };
  return entry(personDn(n), ['inetOrgPerson', 'hsaPerson'], attrs);
}

export function engagement(n: number, unitHsaId: string, extra: Record<string, string> = {}, e = 1): string {
  return entry(engagementDn(n, e), ['hsaEngagement'], {
    hsaIdentity: `${T}-G${n}${e}`,
    hsaEngagementUnit: unitHsaId,
    hsaCostCentre: `W${n}`.slice(0, 16),
    hsaStartDate: '20200101',
    ...extra,
  });
}

export function entry(dn: string, classes: string[], attrs: Record<string, string | string[]>): string {
  const lines = [line('dn', dn), ...classes.map((c) => `objectClass: ${c}`)];
  for (const [name, value] of Object.entries(attrs)) {
    for (const v of Array.isArray(value) ? value : [value]) lines.push(line(name, v));
  }
  return `${lines.join('\n')}\n\n`;
}

/** An attribute line; values that are not plain ASCII go base64 (name:: …), as LDIF requires. */
function line(name: string, value: string): string {
  return /^[\x20-\x7e]*$/.test(value) &&
    !value.startsWith(' ') &&
    !value.startsWith(':') &&
    !value.startsWith('<')
    ? `${name}: ${value}`
    : `${name}:: ${Buffer.from(value, 'utf8').toString('base64')}`;
}

/** The basic tree: one provider, one administration, two units, four persons, two commissions. */
export function basicTree(): string {
  return [
    entry(ORG_DN, ['organization', 'hsaCareProvider'], {
      o: 'Testregionen',
      hsaIdentity: `${T}-V1`,
      hsaCareProviderType: 'REGIONAL',
    }),
    entry(ADMIN_DN, ['organizationalUnit', 'hsaAdministration'], {
      ou: 'Testförvaltningen',
      hsaAdministrationCode: 'LDT1',
    }),
    entry(PERSON_BASE, ['organizationalUnit'], { ou: 'Personal' }),
    person(1),
    person(2),
    person(3, { hsaProtectedPerson: 'TRUE' }),
    // Broken: the personnummer's check digit is wrong.
    person(4, { personalIdentityNumber: '193101010000' }),
    entry(unitDn('Testenheten'), ['organizationalUnit', 'hsaHealthCareUnit'], {
      ou: 'Testenheten',
      hsaIdentity: `${T}-E1`,
      hsaUnitManager: `${T}-P1`,
    }),
    entry(unitDn('Andra enheten'), ['organizationalUnit', 'hsaHealthCareUnit'], {
      ou: 'Andra enheten',
      hsaIdentity: `${T}-E2`,
    }),
    engagement(1, `${T}-E1`),
    engagement(2, `${T}-E1`, { title: 'Undersköterska' }),
    engagement(3, `${T}-E2`, { hsaEndDate: '20991231' }),
    // Broken: names a unit the directory does not have.
    engagement(2, `${T}-E9`, {}, 2),
    entry(commissionDn('Testenheten', 'VoB SJF'), ['hsaCommission'], {
      cn: 'VoB SJF',
      hsaIdentity: `${T}-F1`,
      hsaCommissionPurpose: 'Vård och behandling',
      hsaCommissionRight: ['Läsa;alla;SJF', 'Skriva;egen;SJF'],
      hsaCommissionMember: [`${T}-P1`, `${T}-P2`],
    }),
    entry(commissionDn('Testenheten', 'Statistik VE'), ['hsaCommission'], {
      cn: 'Statistik VE',
      hsaIdentity: `${T}-F2`,
      hsaCommissionPurpose: 'Statistik',
      hsaCommissionKind: 'SPECIAL',
    }),
  ].join('');
}

/** Replaces (or with no values, deletes) an attribute of an entry. */
export function modify(dn: string, attribute: string, ...values: string[]): string {
  const change = values.length > 0 ? `replace: ${attribute}` : `delete: ${attribute}`;
  return `${[line('dn', dn), 'changetype: modify', change, ...values.map((v) => line(attribute, v)), '-'].join('\n')}\n\n`;
}

/** Deletes entries (children first). */
export function remove(...dns: string[]): string {
  return dns.map((dn) => `${line('dn', dn)}\nchangetype: delete\n\n`).join('');
}
