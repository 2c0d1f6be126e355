import { DEFAULT_LOA, isLoaUri } from '../common/auth/assurance.js';
import { bool, ConfigError, type Env, type NodeEnv, pem, url, wholeNumber } from './env.js';

/** Sign-in: sessions, the development sign-in, administrators by VGR-ID and SAML against the IdP. */
export interface AuthConfig {
  /** A session ends after this long without a request (SESSION_IDLE_MINUTES). */
  sessionIdleMinutes: number;
  /** …and this long after sign-in whatever happens (SESSION_ABSOLUTE_HOURS). */
  sessionAbsoluteHours: number;
  /** Development sign-in (DEV_LOGIN); always false in production. */
  devLogin: boolean;
  /** VGR-IDs that are administrators besides those the directory flags (ADMIN_USER_IDS). */
  adminUserIds: string[];
  /** SAML 2.0 sign-in against the regional IdP; undefined when not configured. */
  saml: SamlSettings | undefined;
}

export interface SamlSettings {
  /** The IdP's SSO address (SAML_IDP_SSO_URL); undefined when its metadata names it. */
  idpSsoUrl: string | undefined;
  /** The IdP's signing certificate, PEM (SAML_IDP_CERT); undefined when its metadata holds it. */
  idpCert: string | undefined;
  /**
   * Where the IdP's SAML metadata is read from (SAML_IDP_METADATA_URL or _FILE) instead of the two
   * above, and re-read every refreshMinutes (SAML_IDP_METADATA_REFRESH_MINUTES): a certificate
   * rollover or a new address reaches BEH without a restart.
   */
  idpMetadata: { url?: string; file?: string; refreshMinutes: number } | undefined;
  idpEntityId: string | undefined;
  spEntityId: string;
  /** Signs our AuthnRequests and goes into the metadata when both are given. */
  spPrivateKey: string | undefined;
  spCert: string | undefined;
  /** Where the IdP posts its response: PUBLIC_URL + /api/auth/saml/acs. */
  acsUrl: string;
  /**
   * The IdP's single logout service (SAML_IDP_SLO_URL, HTTP-Redirect binding): with it, signing out
   * of BEH signs out at the IdP too, and the IdP's logout requests end BEH's sessions (at sloUrl).
   */
  idpSloUrl: string | undefined;
  /** Our single logout endpoint: PUBLIC_URL + /api/auth/saml/slo. */
  sloUrl: string;
  /**
   * The level of assurance asked for (as a minimum) and required of every assertion (SAML_LOA,
   * an AuthnContextClassRef URI; SITHS' loa3 by default): common/auth/assurance.ts.
   */
  loa: string;
}

const SAML_REQUIRED = ['SAML_IDP_SSO_URL', 'SAML_IDP_CERT', 'SAML_SP_ENTITY_ID'] as const;
const SAML_METADATA = ['SAML_IDP_METADATA_URL', 'SAML_IDP_METADATA_FILE'] as const;

/** The IdP's metadata source, or undefined when SAML_IDP_SSO_URL and SAML_IDP_CERT describe it. */
function loadIdpMetadataSource(env: Env): SamlSettings['idpMetadata'] {
  const [byUrl, byFile] = SAML_METADATA.map((name) => Boolean(env[name]));
  if (!byUrl && !byFile) return undefined;
  if (byUrl && byFile) {
    throw new ConfigError('SAML_IDP_METADATA_FILE', 'must not be set together with SAML_IDP_METADATA_URL');
  }
  const named = byUrl ? 'SAML_IDP_METADATA_URL' : 'SAML_IDP_METADATA_FILE';
  for (const name of ['SAML_IDP_SSO_URL', 'SAML_IDP_CERT'] as const) {
    if (env[name])
      throw new ConfigError(name, `must not be set together with ${named}: the metadata names it`);
  }
  if (!env.SAML_SP_ENTITY_ID)
    throw new ConfigError('SAML_SP_ENTITY_ID', `must be set together with ${named}`);
  return {
    ...(byUrl
      ? { url: url(env, 'SAML_IDP_METADATA_URL', ['https:', 'http:']) }
      : { file: env.SAML_IDP_METADATA_FILE }),
    refreshMinutes: wholeNumber(env, 'SAML_IDP_METADATA_REFRESH_MINUTES', 60, 1, 24 * 60),
  };
}

function loadSamlSettings(env: Env, publicUrl: string): SamlSettings | undefined {
  const idpMetadata = loadIdpMetadataSource(env);
  if (!idpMetadata) {
    const given = SAML_REQUIRED.filter((name) => env[name]);
    if (given.length === 0) return undefined;
    // Half a SAML configuration is a mistake, not a wish to run without SAML.
    const missing = SAML_REQUIRED.find((name) => !env[name]);
    if (missing) throw new ConfigError(missing, `must be set together with ${given.join(', ')}`);
  }
  const spPrivateKey = pem(env, 'SAML_SP_PRIVATE_KEY', 'PRIVATE KEY');
  const spCert = pem(env, 'SAML_SP_CERT', 'CERTIFICATE');
  if (Boolean(spPrivateKey) !== Boolean(spCert)) {
    throw new ConfigError(
      spPrivateKey ? 'SAML_SP_CERT' : 'SAML_SP_PRIVATE_KEY',
      'must be set together with the other',
    );
  }
  // Our LogoutRequests must be signed: an IdP ends nobody's session at an unsigned one.
  if (env.SAML_IDP_SLO_URL && !spPrivateKey) {
    throw new ConfigError(
      'SAML_IDP_SLO_URL',
      'needs SAML_SP_PRIVATE_KEY and SAML_SP_CERT to sign logout requests',
    );
  }
  const loa = env.SAML_LOA?.trim() || DEFAULT_LOA;
  if (!isLoaUri(loa)) {
    throw new ConfigError('SAML_LOA', `must be an AuthnContextClassRef URI such as ${DEFAULT_LOA}`);
  }
  return {
    idpSsoUrl: url(env, 'SAML_IDP_SSO_URL', ['https:', 'http:']),
    idpCert: pem(env, 'SAML_IDP_CERT', 'CERTIFICATE'),
    idpMetadata,
    idpEntityId: env.SAML_IDP_ENTITY_ID || undefined,
    spEntityId: env.SAML_SP_ENTITY_ID!,
    spPrivateKey,
    spCert,
    acsUrl: `${publicUrl}/api/auth/saml/acs`,
    idpSloUrl: url(env, 'SAML_IDP_SLO_URL', ['https:', 'http:']),
    sloUrl: `${publicUrl}/api/auth/saml/slo`,
    loa,
  };
}

export function loadAuthConfig(env: Env, nodeEnv: NodeEnv, publicUrl: string): AuthConfig {
  const saml = loadSamlSettings(env, publicUrl);
  // Production has no development sign-in, so without SAML nobody could sign in at all.
  if (nodeEnv === 'production' && !saml) {
    throw new ConfigError('SAML_IDP_SSO_URL', 'and the other SAML_* variables must be set in production');
  }
  const adminUserIds = (env.ADMIN_USER_IDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const badAdmin = adminUserIds.find((id) => !/^[A-Za-z0-9]{2,32}$/.test(id));
  if (badAdmin)
    throw new ConfigError('ADMIN_USER_IDS', `must be comma-separated VGR-IDs (got '${badAdmin}')`);
  return {
    sessionIdleMinutes: wholeNumber(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: wholeNumber(env, 'SESSION_ABSOLUTE_HOURS', 10, 1, 7 * 24),
    // Never in production, whatever DEV_LOGIN says: it signs in as anyone without a password.
    devLogin: nodeEnv !== 'production' && bool(env, 'DEV_LOGIN', true),
    adminUserIds,
    saml,
  };
}
