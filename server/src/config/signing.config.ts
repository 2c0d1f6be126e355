import { readFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { DEFAULT_LOA, isLoaUri } from '../common/auth/assurance.js';
import type { SamlSettings } from './auth.config.js';
import { bool, ConfigError, type Env, type NodeEnv, oneOf, pem, url, wholeNumber } from './env.js';

export const SIGNING_PROVIDERS = ['embedded', 'dss', 'federated'] as const;
export type SigningProviderName = (typeof SIGNING_PROVIDERS)[number];

/** Which signing service signs attests, and how BEH talks to it. */
export interface SigningConfig {
  /**
   * Which SignatureProvider signs (SIGNING_PROVIDER): `embedded` (the test CA, the development
   * default), `dss` (an external signing service of Sweden Connect's DSS extension) or `federated`
   * (the DSS client against BEH's own signing service, which signs in the signer at the IdP).
   */
  provider: SigningProviderName;
  /**
   * Protects the embedded CA's private key and peppers the PINs, seals stored secrets (SCIM
   * tokens) and keys the audit anchors' MAC (SIGNING_KEY_SECRET; required in production).
   */
  keySecret: string;
  /** PIN of certificates issued on first need (SIGNING_DEFAULT_PIN); never in production. */
  defaultPin: string | undefined;
  /** The DSS client: for `dss` and `federated`. */
  dss: DssClientSettings | undefined;
  /** BEH's own signing service: for `federated`. */
  signService: SignServiceSettings | undefined;
}

export interface DssClientSettings {
  /** Where the signer's browser posts the SignRequest (DSS_SIGN_SERVICE_URL). */
  serviceUrl: string;
  /** The signing service's entity id, named in the request (DSS_SIGN_SERVICE_ENTITY_ID). */
  serviceEntityId: string;
  /** Verifies the SignResponse's XML signature (DSS_SIGN_SERVICE_CERT; rollover: several). */
  serviceCerts: string[];
  /** BEH as sign requester: its entity id and the key pair that signs the SignRequest. */
  requesterEntityId: string;
  requesterKey: string;
  requesterCert: string;
  /** Where the signing service posts the SignResponse: PUBLIC_URL + /api/signing/dss/response. */
  returnUrl: string;
  /** The IdP the signer authenticates at (the SAML IdP's entity id), named in the request. */
  identityProvider: string;
  /** The level of assurance the signer must authenticate at (SIGNING_LOA, default SAML_LOA). */
  loa: string;
  /** CA certificates a signer's certificate must chain to (SIGNING_TRUST_ANCHORS). */
  trustAnchors: string[];
  /**
   * When a certificate's status cannot be found out (no OCSP or CRL answer): refuse (false, and
   * always in production) or accept with a warning (SIGNING_REVOCATION_SOFT_FAIL).
   */
  revocationSoftFail: boolean;
}

export interface SignServiceSettings {
  /** PUBLIC_URL + /api/sign-service: its entity id, as requester metadata and IdP know it. */
  entityId: string;
  /** PUBLIC_URL + /api/sign-service/sign and /acs. */
  signUrl: string;
  acsUrl: string;
  /** Signs SignResponses and AuthnRequests (SIGN_SERVICE_KEY, SIGN_SERVICE_CERT). */
  key: string;
  cert: string;
  /** The CA that issues the signers' certificates: PEM pair or PKCS#12 file. */
  ca: { certificate: string; privateKey: string; chain: string[] };
  /** Put into the issued certificates for relying parties' revocation checks (optional). */
  ocspUrl: string | undefined;
  crlUrl: string | undefined;
  /** How long an issued signing certificate is valid (SIGN_SERVICE_CERT_MINUTES, default 10). */
  certificateMinutes: number;
  /**
   * Requesters it signs for: entity id → the certificate that signs their SignRequests and the one
   * address a SignResponse to them may go to (BEH itself).
   */
  requesters: Map<string, { cert: string; returnUrl: string }>;
}

/** Known to everyone who reads this file: protects nothing, which is why production must replace it. */
export const DEV_SIGNING_KEY_SECRET = 'beh-development-signing-key-secret-not-for-production';

const DSS_REQUIRED = ['DSS_SIGN_SERVICE_URL', 'DSS_SIGN_SERVICE_ENTITY_ID', 'DSS_SIGN_SERVICE_CERT'] as const;

/** Every certificate in a PEM bundle (inline PEM with real or literal \n, or a file path). */
function certificates(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  let text = raw.includes('-----BEGIN') ? raw.replace(/\\n/g, '\n') : undefined;
  if (text === undefined) {
    try {
      text = readFileSync(raw, 'utf8');
    } catch {
      throw new ConfigError(name, 'must be PEM certificates or the path of a file holding them');
    }
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  try {
    const certs = blocks.map((block) => new X509Certificate(block).toString());
    if (certs.length > 0) return certs;
  } catch {
    // Reported below.
  }
  throw new ConfigError(name, 'must hold at least one certificate in PEM');
}

/** The CA's certificate and key from a PKCS#12 file (node-forge reads it; PBES2 or legacy). */
function caFromPkcs12(env: Env): SignServiceSettings['ca'] {
  const file = env.SIGN_SERVICE_CA_P12_FILE!;
  let der: Buffer;
  try {
    der = readFileSync(file);
  } catch {
    throw new ConfigError('SIGN_SERVICE_CA_P12_FILE', `cannot be read (${file})`);
  }
  try {
    const p12 = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary'))),
      env.SIGN_SERVICE_CA_P12_PASSWORD ?? '',
    );
    const bags = (type: string) => p12.getBags({ bagType: type })[type] ?? [];
    const key = [...bags(forge.pki.oids.pkcs8ShroudedKeyBag), ...bags(forge.pki.oids.keyBag)][0]?.key;
    const certs = bags(forge.pki.oids.certBag).flatMap((bag) => (bag.cert ? [bag.cert] : []));
    if (!key || certs.length === 0) throw new Error('no key or no certificate');
    const pems = certs.map((cert) => new X509Certificate(forge.pki.certificateToPem(cert)));
    const privateKey = createPrivateKey(forge.pki.privateKeyToPem(key));
    // The CA's own certificate is the one of its key; the others are its issuers.
    const own = pems.find((cert) => cert.checkPrivateKey(privateKey));
    if (!own) throw new Error('no certificate matches the key');
    return {
      certificate: own.toString(),
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      chain: pems.filter((cert) => cert !== own).map((cert) => cert.toString()),
    };
  } catch (error) {
    throw new ConfigError(
      'SIGN_SERVICE_CA_P12_FILE',
      `is not a PKCS#12 file with a CA key and certificate that SIGN_SERVICE_CA_P12_PASSWORD opens (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

function loadCa(env: Env): SignServiceSettings['ca'] {
  if (env.SIGN_SERVICE_CA_P12_FILE) {
    if (env.SIGN_SERVICE_CA_CERT || env.SIGN_SERVICE_CA_KEY) {
      throw new ConfigError(
        'SIGN_SERVICE_CA_P12_FILE',
        'must not be set together with SIGN_SERVICE_CA_CERT/_KEY',
      );
    }
    return caFromPkcs12(env);
  }
  const certificate = pem(env, 'SIGN_SERVICE_CA_CERT', 'CERTIFICATE');
  const privateKey = pem(env, 'SIGN_SERVICE_CA_KEY', 'PRIVATE KEY');
  if (!certificate || !privateKey) {
    throw new ConfigError(
      certificate ? 'SIGN_SERVICE_CA_KEY' : 'SIGN_SERVICE_CA_CERT',
      'must be set with SIGNING_PROVIDER=federated (or SIGN_SERVICE_CA_P12_FILE with its password): the CA that issues signing certificates',
    );
  }
  if (!new X509Certificate(certificate).checkPrivateKey(createPrivateKey(privateKey))) {
    throw new ConfigError('SIGN_SERVICE_CA_KEY', 'is not the key of SIGN_SERVICE_CA_CERT');
  }
  if (!new X509Certificate(certificate).ca) {
    throw new ConfigError('SIGN_SERVICE_CA_CERT', 'is not a CA certificate (basicConstraints cA)');
  }
  return { certificate, privateKey, chain: certificates(env, 'SIGN_SERVICE_CA_CHAIN') };
}

function keyPair(env: Env, keyName: string, certName: string): { key: string; cert: string } | undefined {
  const key = pem(env, keyName, 'PRIVATE KEY');
  const cert = pem(env, certName, 'CERTIFICATE');
  if (!key && !cert) return undefined;
  if (!key || !cert)
    throw new ConfigError(key ? certName : keyName, `must be set together with ${key ? keyName : certName}`);
  if (!new X509Certificate(cert).checkPrivateKey(createPrivateKey(key))) {
    throw new ConfigError(keyName, `is not the key of ${certName}`);
  }
  return { key, cert };
}

const PRODUCTION_PROVIDER_HELP =
  'must be dss or federated in production: the embedded test CA issues no certificate a region can rely on. ' +
  'SIGNING_PROVIDER=dss needs DSS_SIGN_SERVICE_URL, DSS_SIGN_SERVICE_ENTITY_ID, DSS_SIGN_SERVICE_CERT and SIGNING_TRUST_ANCHORS; ' +
  'SIGNING_PROVIDER=federated needs SIGN_SERVICE_KEY, SIGN_SERVICE_CERT and SIGN_SERVICE_CA_CERT/_KEY (or SIGN_SERVICE_CA_P12_FILE); ' +
  'both need SAML sign-in (SAML_*) with SAML_SP_PRIVATE_KEY and SAML_SP_CERT';

export function loadSigningConfig(
  env: Env,
  nodeEnv: NodeEnv,
  publicUrl = 'http://localhost:3000',
  saml?: SamlSettings,
): SigningConfig {
  const provider = oneOf(env, 'SIGNING_PROVIDER', SIGNING_PROVIDERS, 'embedded');
  const keySecret = env.SIGNING_KEY_SECRET || undefined;
  if (!keySecret && nodeEnv === 'production') {
    // It seals more than the test CA's key: SCIM tokens, and it keys the audit anchors' MAC.
    throw new ConfigError(
      'SIGNING_KEY_SECRET',
      'must be set in production (it seals stored secrets and keys the audit anchors)',
    );
  }
  if (keySecret !== undefined && keySecret.length < 32) {
    throw new ConfigError('SIGNING_KEY_SECRET', 'must be at least 32 characters');
  }
  const defaultPin = env.SIGNING_DEFAULT_PIN || '1234';
  if (!/^\d{4,8}$/.test(defaultPin)) {
    throw new ConfigError('SIGNING_DEFAULT_PIN', `must be 4-8 digits (got '${defaultPin}')`);
  }
  if (provider === 'embedded' && nodeEnv === 'production') {
    throw new ConfigError('SIGNING_PROVIDER', PRODUCTION_PROVIDER_HELP);
  }
  const base = {
    provider,
    keySecret: keySecret ?? DEV_SIGNING_KEY_SECRET,
    // A known PIN on a certificate issued unasked would let anyone signed in as a person sign as them.
    defaultPin: nodeEnv === 'production' ? undefined : defaultPin,
  };
  if (provider === 'embedded') return { ...base, dss: undefined, signService: undefined };

  // Both real providers sign the signer in at the SAML IdP, and sign their SignRequests.
  if (!saml) {
    throw new ConfigError(
      'SIGNING_PROVIDER',
      `=${provider} needs SAML sign-in configured (SAML_IDP_*, SAML_SP_ENTITY_ID): the signer authenticates at that IdP`,
    );
  }
  const requester =
    keyPair(env, 'DSS_REQUESTER_KEY', 'DSS_REQUESTER_CERT') ??
    (saml.spPrivateKey && saml.spCert ? { key: saml.spPrivateKey, cert: saml.spCert } : undefined);
  if (!requester) {
    throw new ConfigError(
      'SAML_SP_PRIVATE_KEY',
      `must be set with SAML_SP_CERT (or DSS_REQUESTER_KEY/_CERT) for SIGNING_PROVIDER=${provider}: it signs the SignRequests`,
    );
  }
  const loa = env.SIGNING_LOA?.trim() || saml.loa || DEFAULT_LOA;
  if (!isLoaUri(loa))
    throw new ConfigError('SIGNING_LOA', `must be an AuthnContextClassRef URI such as ${DEFAULT_LOA}`);
  const revocationSoftFail = bool(env, 'SIGNING_REVOCATION_SOFT_FAIL', false);
  if (revocationSoftFail && nodeEnv === 'production') {
    throw new ConfigError(
      'SIGNING_REVOCATION_SOFT_FAIL',
      'must not be set in production: an unknown certificate status refuses the attest there',
    );
  }
  const requesterEntityId = env.DSS_REQUESTER_ENTITY_ID || saml.spEntityId;
  const returnUrl = `${publicUrl}/api/signing/dss/response`;
  const identityProvider = saml.idpEntityId;
  if (!identityProvider) {
    throw new ConfigError(
      'SAML_IDP_ENTITY_ID',
      `must be set with SIGNING_PROVIDER=${provider}: the SignRequest names the IdP`,
    );
  }

  // What the DSS client needs whichever signing service it talks to.
  const client = {
    requesterEntityId,
    requesterKey: requester.key,
    requesterCert: requester.cert,
    returnUrl,
    identityProvider,
    loa,
    revocationSoftFail,
  };

  if (provider === 'dss') {
    const missing = DSS_REQUIRED.find((name) => !env[name]);
    if (missing) throw new ConfigError(missing, 'must be set with SIGNING_PROVIDER=dss');
    const trustAnchors = certificates(env, 'SIGNING_TRUST_ANCHORS');
    if (trustAnchors.length === 0) {
      throw new ConfigError(
        'SIGNING_TRUST_ANCHORS',
        "must be set with SIGNING_PROVIDER=dss: the CAs of the signers' certificates",
      );
    }
    return {
      ...base,
      dss: {
        serviceUrl: url(
          env,
          'DSS_SIGN_SERVICE_URL',
          nodeEnv === 'production' ? ['https:'] : ['https:', 'http:'],
        )!,
        serviceEntityId: env.DSS_SIGN_SERVICE_ENTITY_ID!,
        serviceCerts: certificates(env, 'DSS_SIGN_SERVICE_CERT'),
        trustAnchors,
        ...client,
      },
      signService: undefined,
    };
  }

  // federated: BEH's own signing service, and the DSS client pointed at it.
  const service = keyPair(env, 'SIGN_SERVICE_KEY', 'SIGN_SERVICE_CERT');
  if (!service) {
    throw new ConfigError(
      'SIGN_SERVICE_KEY',
      'must be set with SIGN_SERVICE_CERT for SIGNING_PROVIDER=federated: it signs the SignResponses',
    );
  }
  const ca = loadCa(env);
  const entityId = `${publicUrl}/api/sign-service`;
  const trustAnchors = certificates(env, 'SIGNING_TRUST_ANCHORS');
  return {
    ...base,
    dss: {
      serviceUrl: `${entityId}/sign`,
      serviceEntityId: entityId,
      serviceCerts: [service.cert],
      // The CA's root (the last of its chain, or itself) unless other anchors are configured.
      trustAnchors: trustAnchors.length > 0 ? trustAnchors : [ca.chain.at(-1) ?? ca.certificate],
      ...client,
    },
    signService: {
      entityId,
      signUrl: `${entityId}/sign`,
      acsUrl: `${entityId}/acs`,
      key: service.key,
      cert: service.cert,
      ca,
      ocspUrl: url(env, 'SIGN_SERVICE_OCSP_URL', ['http:', 'https:']),
      crlUrl: url(env, 'SIGN_SERVICE_CRL_URL', ['http:', 'https:']),
      certificateMinutes: wholeNumber(env, 'SIGN_SERVICE_CERT_MINUTES', 10, 2, 60 * 24),
      requesters: new Map([[requesterEntityId, { cert: requester.cert, returnUrl }]]),
    },
  };
}
