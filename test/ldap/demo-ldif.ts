import { buildDemoRows } from '../../server/src/seed/demo-seed.js';
import type { Row } from '../../server/src/seed/seed-ids.js';
import { entry, PERSON_BASE } from './fixtures.js';

/**
 * The demo directory (the seed's providers, administrations, units, personas, generated staff,
 * engagements and assignments with their holders) as KIV would hold it, in the tree and
 * attribute names of test/ldap/hsa.schema: what `DIRECTORY_SOURCE=ldap npm start` reads from the
 * test directory (README, Directory source). Built from the seed's own rows, so the personas
 * sign in as before and a sync of a seeded database changes nothing but taking the engagements
 * over (they get the HSA-ids of their entries). test/ldap/demo.ldif is this output;
 * ldap-demo.e2e-spec.ts checks that it still is (UPDATE_DEMO_LDIF=1 rewrites it).
 */

const PURPOSE_TEXT: Record<string, string> = {
  CARE_AND_TREATMENT: 'Vård och behandling',
  QUALITY_ASSURANCE: 'Kvalitetssäkring',
  ADMINISTRATION: 'Administration',
  STATISTICS: 'Statistik',
};

/** An RDN value with the characters DNs reserve escaped (RFC 4514). */
function rdn(value: string): string {
  return value
    .replace(/[\\,+"<>;=]/g, (c) => `\\${c}`)
    .replace(/^[ #]/, (c) => `\\${c}`)
    .replace(/ $/, '\\ ');
}

const str = (v: Row[string]) => (v === null ? undefined : String(v));
const ymd = (date: string) => date.replace(/-/g, '');

export function demoLdif(): string {
  const rows = buildDemoRows();
  const out: string[] = [];
  const providerDn = new Map<string, string>();
  const adminDn = new Map<string, string>();
  const unitDn = new Map<string, string>();
  const personHsa = new Map(rows.person.map((p) => [String(p.id), String(p.hsa_id)]));

  for (const p of rows.care_provider) {
    const dn = `o=${rdn(String(p.name))},dc=kiv,dc=test`;
    providerDn.set(String(p.id), dn);
    out.push(
      entry(dn, ['organization', 'hsaCareProvider'], {
        o: String(p.name),
        hsaIdentity: String(p.hsa_id),
        hsaCareProviderType: String(p.kind),
      }),
    );
  }
  for (const a of rows.administration) {
    const dn = `ou=${rdn(String(a.name))},${providerDn.get(String(a.care_provider_id))}`;
    adminDn.set(String(a.id), dn);
    out.push(
      entry(dn, ['organizationalUnit', 'hsaAdministration'], {
        ou: String(a.name),
        hsaAdministrationCode: String(a.code),
      }),
    );
  }
  for (const u of rows.care_unit) {
    const dn = `ou=${rdn(String(u.name))},${adminDn.get(String(u.administration_id))}`;
    unitDn.set(String(u.id), dn);
    const head = u.head_of_unit_id ? personHsa.get(String(u.head_of_unit_id)) : undefined;
    out.push(
      entry(dn, ['organizationalUnit', 'hsaHealthCareUnit'], {
        ou: String(u.name),
        hsaIdentity: String(u.hsa_id),
        ...(head ? { hsaUnitManager: head } : {}),
      }),
    );
  }
  const members = new Map<string, string[]>();
  for (const h of rows.held_assignment) {
    if (h.valid_to !== null) continue;
    const list = members.get(String(h.assignment_id)) ?? [];
    list.push(personHsa.get(String(h.person_id))!);
    members.set(String(h.assignment_id), list);
  }
  for (const a of rows.assignment) {
    const attrs: Record<string, string | string[]> = {
      cn: String(a.name),
      hsaIdentity: String(a.hsa_id),
      hsaCommissionPurpose: PURPOSE_TEXT[String(a.purpose)],
      hsaCommissionKind: String(a.kind),
      hsaPrivateProviderOnly: a.private_provider_only ? 'TRUE' : 'FALSE',
    };
    if (a.description) attrs.description = String(a.description);
    const held = members.get(String(a.id));
    if (held) attrs.hsaCommissionMember = held.sort();
    out.push(
      entry(`cn=${rdn(String(a.name))},${unitDn.get(String(a.care_unit_id))}`, ['hsaCommission'], attrs),
    );
  }

  out.push(entry(PERSON_BASE, ['organizationalUnit'], { ou: 'Personal' }));
  const engagements = new Map<string, Row[]>();
  for (const e of rows.engagement) {
    const list = engagements.get(String(e.person_id)) ?? [];
    list.push(e);
    engagements.set(String(e.person_id), list);
  }
  const unitHsa = new Map(rows.care_unit.map((u) => [String(u.id), String(u.hsa_id)]));
  for (const p of rows.person) {
    const dn = `hsaIdentity=${String(p.hsa_id)},${PERSON_BASE}`;
    const attrs: Record<string, string> = {
      hsaIdentity: String(p.hsa_id),
      uid: String(p.user_id),
      givenName: String(p.first_name),
      sn: String(p.last_name),
      cn: `${String(p.first_name)} ${String(p.last_name)}`,
    };
    for (const [name, value] of [
      ['personalIdentityNumber', str(p.personnummer)],
      ['hsaPassportNumber', str(p.passport_number)],
      ['title', str(p.title)],
      ['mail', str(p.email)],
    ] as const) {
      if (value !== undefined) attrs[name] = value;
    }
    if (p.protected_identity) attrs.hsaProtectedPerson = 'TRUE';
    out.push(entry(dn, ['inetOrgPerson', 'hsaPerson'], attrs));
    (engagements.get(String(p.id)) ?? []).forEach((e, i) => {
      const hsa = `${String(p.hsa_id)}-G${i + 1}`;
      out.push(
        entry(`hsaIdentity=${hsa},${dn}`, ['hsaEngagement'], {
          hsaIdentity: hsa,
          hsaEngagementUnit: unitHsa.get(String(e.care_unit_id))!,
          hsaCostCentre: String(e.cost_centre),
          hsaStartDate: ymd(String(e.valid_from)),
          ...(e.title ? { title: String(e.title) } : {}),
          ...(e.valid_to ? { hsaEndDate: ymd(String(e.valid_to)) } : {}),
        }),
      );
    });
  }
  return out.join('');
}
