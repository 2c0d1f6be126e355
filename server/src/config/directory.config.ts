import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { bool, ConfigError, type Env, oneOf, url, wholeNumber } from './env.js';

/**
 * Where the directory comes from (issue 15): the embedded PostgreSQL copy the demo seed fills
 * (the default, as before) or KIV over LDAP, read by the directory sync and written back for
 * carried-out assignments. In `ldap` mode BEH's own edits of directory data are refused.
 */
export interface DirectoryConfig {
  /** DIRECTORY_SOURCE: embedded (default) or ldap. */
  source: 'embedded' | 'ldap';
  /** The LDAP settings; null when embedded. */
  ldap: LdapSettings | null;
}

export interface LdapSettings {
  /** LDAP_URL: ldap:// or ldaps://. */
  url: string;
  /** LDAP_STARTTLS: upgrade an ldap:// connection with StartTLS before binding. */
  startTls: boolean;
  /** LDAP_CA_FILE's PEM, read at start: the CA that signs the server's certificate; null: the system's. */
  caCertificate: string | null;
  /** LDAP_BIND_DN and LDAP_PASSWORD (or LDAP_PASSWORD_FILE): BEH's service account. */
  bindDn: string;
  password: string;
  /** LDAP_BASE_DN: the tree's root. */
  baseDn: string;
  /** LDAP_PERSON_BASE: where persons (and under them engagements) are; default ou=Personal,<base>. */
  personBase: string;
  /** LDAP_ORGANISATION_BASE: where providers, administrations, units and commissions are; default <base>. */
  organisationBase: string;
  /** LDAP_PAGE_SIZE: entries per page of a paged search. */
  pageSize: number;
  /** LDAP_TIMEOUT_SECONDS, in milliseconds: each LDAP operation (and connecting) may take this long. */
  timeoutMs: number;
  /** LDAP_SYNC_INCREMENTAL_MINUTES: how often the scheduler reads what changed. */
  incrementalMinutes: number;
  /** LDAP_SYNC_FULL_HOURS: how often it reads everything (which finds what was deleted). */
  fullHours: number;
  /**
   * LDAP_SYNC_MARGIN_SECONDS: an incremental run reads from the last successful run's start less
   * this (modifyTimestamp has one-second resolution, and KIV's clock may differ from BEH's).
   */
  marginSeconds: number;
  /** LDAP_WRITE_MAX_ATTEMPTS: failed attempts before a member write is shown to administrators (FAILED). */
  writeMaxAttempts: number;
  /** LDAP_MAP_<FIELD>: the attribute names (HSA's by default). */
  mapping: LdapMapping;
}

/** The LDAP attribute (or object class) name of each field BEH reads; every one configurable. */
export const DEFAULT_LDAP_MAPPING = {
  /** The key of every entry BEH reads. */
  hsaId: 'hsaIdentity',
  providerClass: 'hsaCareProvider',
  providerName: 'o',
  providerType: 'hsaCareProviderType',
  administrationClass: 'hsaAdministration',
  administrationName: 'ou',
  administrationCode: 'hsaAdministrationCode',
  unitClass: 'hsaHealthCareUnit',
  unitName: 'ou',
  unitManager: 'hsaUnitManager',
  personClass: 'hsaPerson',
  userId: 'uid',
  firstName: 'givenName',
  lastName: 'sn',
  personnummer: 'personalIdentityNumber',
  passportNumber: 'hsaPassportNumber',
  title: 'title',
  email: 'mail',
  protectedPerson: 'hsaProtectedPerson',
  engagementClass: 'hsaEngagement',
  engagementUnit: 'hsaEngagementUnit',
  costCentre: 'hsaCostCentre',
  engagementTitle: 'title',
  startDate: 'hsaStartDate',
  endDate: 'hsaEndDate',
  commissionClass: 'hsaCommission',
  commissionName: 'cn',
  commissionPurpose: 'hsaCommissionPurpose',
  commissionRight: 'hsaCommissionRight',
  commissionMember: 'hsaCommissionMember',
  commissionKind: 'hsaCommissionKind',
  privateProviderOnly: 'hsaPrivateProviderOnly',
  description: 'description',
} as const;

export type LdapMapping = { -readonly [K in keyof typeof DEFAULT_LDAP_MAPPING]: string };

/** LDAP_MAP_HSA_ID for hsaId, LDAP_MAP_PROVIDER_CLASS for providerClass, … */
export const mappingVariable = (field: string): string =>
  `LDAP_MAP_${field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9-]*$/;
/** A DN as BEH accepts one in its configuration: attribute=value parts, separated by commas. */
const DN = /^[A-Za-z][A-Za-z0-9-]*=[^,=]+(,\s*[A-Za-z][A-Za-z0-9-]*=[^,=]+)*$/;

function dn(env: Env, name: string, fallback?: string): string {
  const raw = env[name]?.trim() || fallback;
  if (raw === undefined) throw new ConfigError(name, 'must be set when DIRECTORY_SOURCE=ldap');
  if (!DN.test(raw)) throw new ConfigError(name, `must be a DN such as dc=kiv,dc=example (got '${raw}')`);
  return raw;
}

function readFile(name: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(name, `names a file that cannot be read (${(error as Error).message})`);
  }
}

export function loadDirectoryConfig(env: Env): DirectoryConfig {
  const source = oneOf(env, 'DIRECTORY_SOURCE', ['embedded', 'ldap'] as const, 'embedded');
  if (source === 'embedded') return { source, ldap: null };

  const ldapUrl = url(env, 'LDAP_URL', ['ldap:', 'ldaps:']);
  if (!ldapUrl) throw new ConfigError('LDAP_URL', 'must be set when DIRECTORY_SOURCE=ldap');
  const startTls = bool(env, 'LDAP_STARTTLS', false);
  if (startTls && ldapUrl.startsWith('ldaps:')) {
    throw new ConfigError('LDAP_STARTTLS', 'cannot be used with an ldaps:// LDAP_URL (it is TLS already)');
  }
  let caCertificate: string | null = null;
  if (env.LDAP_CA_FILE) {
    caCertificate = readFile('LDAP_CA_FILE', env.LDAP_CA_FILE);
    try {
      new X509Certificate(caCertificate);
    } catch {
      throw new ConfigError('LDAP_CA_FILE', 'must hold a certificate in PEM');
    }
  }
  const bindDn = dn(env, 'LDAP_BIND_DN');
  if (env.LDAP_PASSWORD && env.LDAP_PASSWORD_FILE) {
    throw new ConfigError('LDAP_PASSWORD_FILE', 'cannot be set together with LDAP_PASSWORD');
  }
  const password = env.LDAP_PASSWORD_FILE
    ? readFile('LDAP_PASSWORD_FILE', env.LDAP_PASSWORD_FILE).replace(/\r?\n$/, '')
    : (env.LDAP_PASSWORD ?? '');
  if (!password) {
    throw new ConfigError('LDAP_PASSWORD', 'must be set (or LDAP_PASSWORD_FILE) when DIRECTORY_SOURCE=ldap');
  }
  const baseDn = dn(env, 'LDAP_BASE_DN');
  const mapping = { ...DEFAULT_LDAP_MAPPING } as LdapMapping;
  for (const field of Object.keys(mapping) as (keyof LdapMapping)[]) {
    const variable = mappingVariable(field);
    const raw = env[variable]?.trim();
    if (!raw) continue;
    if (!ATTRIBUTE.test(raw)) {
      throw new ConfigError(variable, `must be an LDAP attribute or object class name (got '${raw}')`);
    }
    mapping[field] = raw;
  }
  for (const variable of Object.keys(env)) {
    if (
      variable.startsWith('LDAP_MAP_') &&
      !Object.keys(mapping).some((f) => mappingVariable(f) === variable)
    ) {
      throw new ConfigError(variable, 'is not a field of the attribute mapping (README, Directory source)');
    }
  }
  return {
    source,
    ldap: {
      url: ldapUrl,
      startTls,
      caCertificate,
      bindDn,
      password,
      baseDn,
      personBase: dn(env, 'LDAP_PERSON_BASE', `ou=Personal,${baseDn}`),
      organisationBase: dn(env, 'LDAP_ORGANISATION_BASE', baseDn),
      pageSize: wholeNumber(env, 'LDAP_PAGE_SIZE', 1000, 1, 100_000),
      timeoutMs: wholeNumber(env, 'LDAP_TIMEOUT_SECONDS', 30, 1, 3600) * 1000,
      incrementalMinutes: wholeNumber(env, 'LDAP_SYNC_INCREMENTAL_MINUTES', 5, 1, 1440),
      fullHours: wholeNumber(env, 'LDAP_SYNC_FULL_HOURS', 24, 1, 720),
      marginSeconds: wholeNumber(env, 'LDAP_SYNC_MARGIN_SECONDS', 60, 1, 3600),
      writeMaxAttempts: wholeNumber(env, 'LDAP_WRITE_MAX_ATTEMPTS', 5, 1, 100),
      mapping,
    },
  };
}
