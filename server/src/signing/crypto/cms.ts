import * as asn1js from 'asn1js';
import { createHash, webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { certificateDer } from './certificates.js';

/**
 * CMS SignedData (RFC 5652), detached, SHA-256, with signed attributes (content type, signing time,
 * message digest) and the certificate chain: the form a CAdES-capable signing service returns, so
 * embedded and external signatures are verified by the same code.
 */

const engine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto });

const OID = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
} as const;

export const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

const arrayBuffer = (data: Buffer): ArrayBuffer =>
  data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer;

export interface DetachedSignatureInput {
  document: Buffer;
  /** Whole seconds: CMS signing time has no fractions, and verification compares it exactly. */
  signingTime: Date;
  /** PEM certificates, the signer's first, then its issuers. */
  certificateChain: string[];
  privateKey: webcrypto.CryptoKey;
}

/** The signed attributes (content type, signing time, message digest) of a signature over `document`. */
function signedAttributes(document: Buffer, signingTime: Date): pkijs.SignedAndUnsignedAttributes {
  return new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      new pkijs.Attribute({
        type: OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: pkijs.ContentInfo.DATA })],
      }),
      new pkijs.Attribute({
        type: OID.signingTime,
        values: [new asn1js.UTCTime({ valueDate: signingTime })],
      }),
      new pkijs.Attribute({
        type: OID.messageDigest,
        values: [new asn1js.OctetString({ valueHex: arrayBuffer(sha256(document)) })],
      }),
    ],
  });
}

/** SignedData for one signer over `document`, detached, not yet signed. */
function unsignedData(document: Buffer, signingTime: Date, certificateChain: string[]): pkijs.SignedData {
  const certificates = certificateChain.map((pem) => pkijs.Certificate.fromBER(certificateDer(pem)));
  const signer = certificates[0];
  return new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: pkijs.ContentInfo.DATA }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.issuer, serialNumber: signer.serialNumber }),
        signedAttrs: signedAttributes(document, signingTime),
      }),
    ],
    certificates,
  });
}

const toContentInfo = (signedData: pkijs.SignedData): Buffer =>
  Buffer.from(
    new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) })
      .toSchema()
      .toBER(false),
  );

/** A detached CMS signature over `document` (DER of a ContentInfo). */
export async function signDetached(input: DetachedSignatureInput): Promise<Buffer> {
  const signedData = unsignedData(input.document, input.signingTime, input.certificateChain);
  await signedData.sign(input.privateKey, 0, 'SHA-256', arrayBuffer(input.document), engine);
  return toContentInfo(signedData);
}

/**
 * What a remote signing service signs for a CMS signature over `document` (RFC 5652 5.4): the DER
 * of the signed attributes as a SET OF. The signing time is in them, so it is the requester's.
 */
export function toBeSignedBytes(document: Buffer, signingTime: Date): Buffer {
  const der = Buffer.from(signedAttributes(document, signingTime).toSchema().toBER(false));
  der[0] = 0x31; // [0] IMPLICIT in the SignerInfo; a universal SET when signed.
  return der;
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/**
 * The detached CMS signature made of a remote signing service's answer: the RSA PKCS#1 v1.5
 * SHA-256 `signatureValue` over `toBeSignedBytes(document, signingTime)`, and the signer's
 * certificate chain (PEM, the signer's first). Whether it verifies is for verifyDetached to say.
 */
export function assembleDetached(input: {
  document: Buffer;
  signingTime: Date;
  certificateChain: string[];
  signatureValue: Buffer;
}): Buffer {
  const signedData = unsignedData(input.document, input.signingTime, input.certificateChain);
  const sha256Id = () =>
    new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256, algorithmParams: new asn1js.Null() });
  signedData.digestAlgorithms = [sha256Id()];
  const [signerInfo] = signedData.signerInfos;
  signerInfo.digestAlgorithm = sha256Id();
  signerInfo.signatureAlgorithm = new pkijs.AlgorithmIdentifier({
    algorithmId: SHA256_WITH_RSA,
    algorithmParams: new asn1js.Null(),
  });
  signerInfo.signature = new asn1js.OctetString({ valueHex: arrayBuffer(input.signatureValue) });
  return toContentInfo(signedData);
}

export type CmsFailure = 'MALFORMED' | 'DIGEST_MISMATCH' | 'BAD_SIGNATURE';

export type CmsCheck =
  | {
      ok: true;
      /** DER of the certificate the signer info names. */
      signerCertificate: Buffer;
      /** DER of every certificate the signature carries. */
      certificates: Buffer[];
      signingTime: Date | undefined;
    }
  | { ok: false; reason: CmsFailure; detail: string };

const malformed = (detail: string): CmsCheck => ({ ok: false, reason: 'MALFORMED', detail });

function parseSignedData(cms: Buffer): pkijs.SignedData | string {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(arrayBuffer(cms));
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) return 'not CMS SignedData';
    return new pkijs.SignedData({ schema: contentInfo.content });
  } catch (error) {
    return `not CMS: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function attribute(signerInfo: pkijs.SignerInfo, type: string): asn1js.AsnType | undefined {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === type)?.values[0] as
    asn1js.AsnType | undefined;
}

/**
 * Checks that `cms` is one SHA-256 signature over exactly `document`, made by the key of the
 * certificate it names. Whether that certificate is trusted and whose it is, is for the caller.
 */
export async function verifyDetached(document: Buffer, cms: Buffer): Promise<CmsCheck> {
  const signedData = parseSignedData(cms);
  if (typeof signedData === 'string') return malformed(signedData);
  if (signedData.signerInfos.length !== 1) return malformed('expected exactly one signer');
  // Attached content would let the signature cover something other than the stored document.
  if (signedData.encapContentInfo.eContent) return malformed('signature is not detached');
  const signerInfo = signedData.signerInfos[0];
  if (signerInfo.digestAlgorithm.algorithmId !== OID.sha256) return malformed('digest is not SHA-256');
  const digest = attribute(signerInfo, OID.messageDigest);
  if (!(digest instanceof asn1js.OctetString)) return malformed('no message digest attribute');
  if (!sha256(document).equals(Buffer.from(digest.valueBlock.valueHexView))) {
    return { ok: false, reason: 'DIGEST_MISMATCH', detail: 'the document is not the one signed' };
  }
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = await signedData.verify(
      { signer: 0, data: arrayBuffer(document), checkChain: false, extendedMode: true },
      engine,
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: 'BAD_SIGNATURE', detail: message };
  }
  if (!result.signatureVerified || !result.signerCertificate) {
    return { ok: false, reason: 'BAD_SIGNATURE', detail: 'the signature value does not verify' };
  }
  const time = attribute(signerInfo, OID.signingTime);
  return {
    ok: true,
    signerCertificate: Buffer.from(result.signerCertificate.toSchema().toBER(false)),
    certificates: (signedData.certificates ?? [])
      .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
      .map((c) => Buffer.from(c.toSchema().toBER(false))),
    signingTime:
      time instanceof asn1js.UTCTime || time instanceof asn1js.GeneralizedTime ? time.toDate() : undefined,
  };
}
