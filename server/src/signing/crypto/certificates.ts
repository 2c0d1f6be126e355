import * as x509 from '@peculiar/x509';
import { randomBytes, webcrypto, X509Certificate } from 'node:crypto';

// @peculiar/x509 works on WebCrypto keys; Node's own implementation is the provider.
x509.cryptoProvider.set(webcrypto);

/** RSA 2048 with SHA-256, as SITHS certificates and the signing services that use them have. */
const RSA_KEY: webcrypto.RsaHashedKeyGenParams = {
  name: 'RSASSA-PKCS1-v1_5',
  hash: 'SHA-256',
  publicExponent: new Uint8Array([1, 0, 1]),
  modulusLength: 2048,
};

/** id-ce-noRevAvail (RFC 9608): the CA publishes no revocation information for the certificate. */
export const NO_REV_AVAIL_OID = '2.5.29.56';
const DER_NULL = new Uint8Array([0x05, 0x00]).buffer;

/**
 * Whether `pem` says no revocation information is published for it (RFC 9608), and how long it is
 * valid: relying parties may skip the revocation check only for a short-lived one.
 */
export function noRevocationAvailable(pem: string): { declared: boolean; validityMs: number } {
  const cert = new x509.X509Certificate(pem);
  return {
    declared: cert.getExtension(NO_REV_AVAIL_OID) !== null,
    validityMs: cert.notAfter.getTime() - cert.notBefore.getTime(),
  };
}

/** X.520 serialNumber: SITHS puts the holder's HSA-id there, and verification compares it. */
export const SUBJECT_SERIAL_NUMBER_OID = '2.5.4.5';

export interface CertificateWithKey {
  /** The certificate, PEM. */
  certificate: string;
  /** Its private key, PKCS#8 DER (seal it before it is stored). */
  privateKey: Buffer;
}

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

async function newKeyPair(): Promise<webcrypto.CryptoKeyPair> {
  return webcrypto.subtle.generateKey(RSA_KEY, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
}

async function exportPkcs8(key: webcrypto.CryptoKey): Promise<Buffer> {
  return Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
}

/** Imports a stored PKCS#8 RSA key for signing (non-extractable: it is only ever used, not shown). */
export async function importSigningKey(pkcs8: Buffer): Promise<webcrypto.CryptoKey> {
  return webcrypto.subtle.importKey('pkcs8', pkcs8, RSA_KEY, false, ['sign']) as Promise<webcrypto.CryptoKey>;
}

/** A positive random serial of 16 bytes, as RFC 5280 asks of CAs (unpredictable, unique). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

/** A self-signed CA certificate for the embedded signing service. */
export async function createCaCertificate(
  commonName: string,
  validity: Validity,
): Promise<CertificateWithKey> {
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: new x509.Name([{ C: ['SE'] }, { O: ['BEH testsignering'] }, { CN: [commonName] }]),
    ...validity,
    keys,
    signingAlgorithm: RSA_KEY,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate: cert.toString('pem'), privateKey: await exportPkcs8(keys.privateKey) };
}

export interface PersonSubject {
  hsaId: string;
  firstName: string;
  lastName: string;
}

/**
 * A signature certificate for a person, issued by `ca`: subject serialNumber = HSA-id, CN = name;
 * `revocation` adds where its status is told (Authority Information Access OCSP, CRL Distribution Points).
 */
export async function issuePersonCertificate(
  ca: CertificateWithKey,
  person: PersonSubject,
  validity: Validity,
  revocation?: { ocspUrl?: string; crlUrl?: string; noRevocation?: boolean },
): Promise<CertificateWithKey> {
  const caCert = new x509.X509Certificate(ca.certificate);
  const caKey = await webcrypto.subtle.importKey('pkcs8', ca.privateKey, RSA_KEY, false, ['sign']);
  const keys = await newKeyPair();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: new x509.Name([
      { C: ['SE'] },
      { [SUBJECT_SERIAL_NUMBER_OID]: [person.hsaId] },
      // A name the IdP did not give is left out; the HSA-id is then the common name.
      ...(person.firstName ? [{ G: [person.firstName] }] : []),
      ...(person.lastName ? [{ SN: [person.lastName] }] : []),
      { CN: [[person.firstName, person.lastName].filter(Boolean).join(' ') || person.hsaId] },
    ]),
    issuer: caCert.subjectName,
    ...validity,
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: RSA_KEY,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      // Non-repudiation (content commitment) is what a signature certificate is for.
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      ...(revocation?.ocspUrl ? [new x509.AuthorityInfoAccessExtension({ ocsp: revocation.ocspUrl })] : []),
      ...(revocation?.crlUrl ? [new x509.CRLDistributionPointsExtension([revocation.crlUrl])] : []),
      // RFC 9608: a short-lived certificate for which no revocation information will be published.
      ...(revocation?.noRevocation ? [new x509.Extension(NO_REV_AVAIL_OID, false, DER_NULL)] : []),
    ],
  });
  return { certificate: cert.toString('pem'), privateKey: await exportPkcs8(keys.privateKey) };
}

/** What the signing window and the database show of a certificate. */
export interface CertificateFacts {
  subject: string;
  commonName: string;
  /** The subject's serialNumber attribute: the holder's HSA-id. */
  subjectSerialNumber: string | undefined;
  /** The certificate's own serial number (hex, upper case, as certificate viewers show it). */
  serialNumber: string;
  issuer: string;
  validFrom: Date;
  validTo: Date;
}

export function certificateFacts(pem: string): CertificateFacts {
  const cert = new x509.X509Certificate(pem);
  return {
    subject: cert.subject,
    commonName: cert.subjectName.getField('CN')[0] ?? '',
    subjectSerialNumber: cert.subjectName.getField(SUBJECT_SERIAL_NUMBER_OID)[0],
    serialNumber: cert.serialNumber.toUpperCase(),
    issuer: cert.issuer,
    validFrom: cert.notBefore,
    validTo: cert.notAfter,
  };
}

/** DER bytes of a PEM certificate (what CMS carries). */
export function certificateDer(pem: string): Buffer {
  return Buffer.from(new X509Certificate(pem).raw);
}

export function derToPem(der: Buffer): string {
  return new X509Certificate(der).toString();
}
