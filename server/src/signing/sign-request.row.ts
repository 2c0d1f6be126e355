import { joinPerson, personHsaIdSql, personNameSql } from '../directory/directory.reads.js';
import type { JsonObject, SignRequestRecord, SignRequestStatus, SignRequestView } from './signing.types.js';

/** A sign_request row with its signer's name, as the service reads it. */
export interface SignRequestRow {
  id: string;
  signerId: string;
  signerHsaId: string;
  signerName: string;
  kind: string;
  purpose: string;
  document: string;
  digest: string;
  payload: JsonObject;
  provider: string;
  providerState: Record<string, string> | null;
  status: 'PENDING' | 'SIGNED' | 'FAILED';
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  signedAt: Date | null;
  signature: Buffer | null;
  certificate: string | null;
  certificateChain: string[] | null;
  failureMessage: string | null;
}

/** FROM clause and columns for SignRequestRow; `r` is the request, `p` its signer (the directory's). */
export const REQUEST_FROM = `sign_request r ${joinPerson('p', 'r.signer_id')}`;
export const REQUEST_COLUMNS = `r.id, r.signer_id AS "signerId", ${personHsaIdSql('p')} AS "signerHsaId",
  ${personNameSql('p')} AS "signerName", r.kind, r.purpose, r.document, r.digest, r.payload,
  r.provider, r.provider_state AS "providerState", r.status, r.created_at AS "createdAt",
  r.expires_at AS "expiresAt", r.used_at AS "usedAt", r.signed_at AS "signedAt", r.signature, r.certificate,
  r.certificate_chain AS "certificateChain", r.failure_message AS "failureMessage"`;

export function toView(row: SignRequestRow, now: Date): SignRequestView {
  // Expiry is a matter of time, not a stored state: nothing has to run for a request to expire.
  const status: SignRequestStatus = row.status === 'PENDING' && now >= row.expiresAt ? 'EXPIRED' : row.status;
  return {
    id: row.id,
    kind: row.kind,
    purpose: row.purpose,
    document: row.document,
    digest: row.digest,
    status,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    signedAt: row.signedAt,
    signer: { id: row.signerId, name: row.signerName, hsaId: row.signerHsaId },
    provider: row.provider,
    failure: row.status === 'FAILED' ? (row.failureMessage ?? 'Signeringen misslyckades.') : null,
  };
}

export function toRecord(row: SignRequestRow): SignRequestRecord {
  return {
    id: row.id,
    signerId: row.signerId,
    kind: row.kind,
    purpose: row.purpose,
    document: row.document,
    digest: row.digest,
    payload: row.payload,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  };
}
