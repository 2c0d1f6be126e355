import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor, SessionPerson } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { notFound, ProblemException } from '../common/problem.js';
import { findPersonSql } from '../directory/directory.reads.js';
import { sha256 } from './crypto/cms.js';
import { CertificateStore } from './embedded/certificate-store.js';
import {
  SIGNATURE_PROVIDER,
  type SignatureProvider,
  type SignerAnswer,
  type SignerIdentity,
} from './signature-provider.js';
import {
  signatureNotVerified,
  signedElsewhere,
  signRequestExpired,
  signRequestFailed,
  signRequestNotFound,
  signRequestUsed,
  VERIFICATION_TEXTS,
} from './signing.errors.js';
import { REQUEST_COLUMNS, REQUEST_FROM, type SignRequestRow, toRecord, toView } from './sign-request.row.js';
import type {
  CertificateView,
  CreatedSignRequest,
  CreateSignRequestInput,
  SignCompletionHandler,
  SignRequestRecord,
  SignRequestStatus,
  SignRequestView,
  SignServiceForm,
  StoredVerification,
} from './signing.types.js';
import { isUuid } from '../common/uuid.js';

/** A sign request is usable for this long (rule 26, An attest is signed over what was decided). */
export const SIGN_REQUEST_TTL_MS = 10 * 60 * 1000;
/** A batch of 500 orders is a long text; this bounds what one request may carry. */
const MAX_DOCUMENT_CHARS = 2_000_000;

/** Canonical text: NFC and \n line ends, so the same decision always gives the same bytes. */
export const canonicalText = (text: string): string => text.normalize('NFC').replace(/\r\n?/g, '\n');

const wholeSeconds = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);

/**
 * Sign requests and their completion. A caller (the attest module) creates a request in its own
 * transaction and registers a handler for its kind; the signer signs in the signing window; the
 * signature is verified and stored, and the handler runs in that same transaction.
 */
@Injectable()
export class SigningService {
  private readonly handlers = new Map<string, SignCompletionHandler>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(SIGNATURE_PROVIDER) private readonly provider: SignatureProvider,
    private readonly certificates: CertificateStore,
  ) {}

  /** Called once per kind, typically from the owning module's onModuleInit. */
  registerHandler(kind: string, handler: SignCompletionHandler): void {
    if (this.handlers.has(kind))
      throw new Error(`A sign completion handler for ${kind} is already registered`);
    this.handlers.set(kind, handler);
  }

  /** Creates a request in the caller's transaction; it expires after 10 minutes. */
  async createRequest(manager: EntityManager, input: CreateSignRequestInput): Promise<CreatedSignRequest> {
    if (!this.handlers.has(input.kind)) throw new Error(`No sign completion handler for ${input.kind}`);
    const document = canonicalText(input.document);
    if (document.trim() === '' || document.length > MAX_DOCUMENT_CHARS) {
      throw new Error('A sign request needs a document of 1-2 000 000 characters');
    }
    const signer = await this.signerOf(manager, input.signerId);
    if (!signer) throw notFound('Personen som ska signera');
    const id = randomUUID();
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SIGN_REQUEST_TTL_MS);
    const prepared = await this.provider.createSignRequest(manager, {
      requestId: id,
      signer,
      document,
      purpose: input.purpose,
      expiresAt,
    });
    await manager.query(
      `INSERT INTO sign_request (id, signer_id, kind, purpose, document, digest, payload, provider, provider_state,
         created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        signer.personId,
        input.kind,
        input.purpose,
        document,
        prepared.digest,
        input.payload,
        this.provider.name,
        prepared.providerState ?? null,
        now,
        expiresAt,
      ],
    );
    return { id, digest: prepared.digest, expiresAt, signingUrl: prepared.signingUrl };
  }

  /**
   * A request with its status, for the module that created it (e.g. to tell the page behind the
   * signing window what became of it); undefined when there is no such request. Who may ask is
   * the caller's rule.
   */
  async findRequest(
    requestId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<(SignRequestRecord & { status: SignRequestStatus; signedAt: Date | null }) | undefined> {
    if (!isUuid(requestId)) return undefined;
    const [row] = await manager.query<SignRequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1`,
      [requestId],
    );
    if (!row) return undefined;
    const { status, signedAt } = toView(row, this.clock.now());
    return { ...toRecord(row), status, signedAt };
  }

  /** The signing window's view; a request is visible to its signer alone (anyone else: 404). */
  async view(actor: Actor, requestId: string): Promise<SignRequestView> {
    const row = await this.ownRequest(this.db.manager, actor, requestId);
    return toView(row, this.clock.now());
  }

  async certificatesFor(actor: Actor, requestId: string): Promise<CertificateView[]> {
    const row = await this.ownRequest(this.db.manager, actor, requestId);
    return this.certificates.list(this.db.manager, row.signerId);
  }

  /**
   * Signs with the embedded key opened by the PIN, verifies, stores and completes. A wrong PIN is
   * counted and committed before the refusal is answered; anything the handler throws rolls the
   * whole completion back.
   */
  async sign(
    actor: Actor,
    requestId: string,
    answer: { certificateId: string; pin: string },
  ): Promise<{ status: 'SIGNED'; signedAt: Date }> {
    const signedAt = wholeSeconds(this.clock.now());
    const refusal = await this.db.transaction(async (m): Promise<ProblemException | undefined> => {
      const row = await this.ownRequest(m, actor, requestId, true);
      if (this.provider.name !== 'embedded') throw signedElsewhere();
      return this.complete(m, row, { type: 'pin', ...answer }, signedAt);
    });
    if (refusal) throw refusal;
    return { status: 'SIGNED', signedAt };
  }

  /**
   * The SignResponse a DSS signing service posted back through the signer's browser (the browser
   * binding's RelayState is our request's id). No session is needed: the response is the signing
   * service's, signed, and must answer this request's SignRequest; the signature in it must be
   * the signer's. A response that cannot be checked, or answers another request, changes nothing;
   * a checked refusal (the signer cancelled, another person, too low a level, a revoked
   * certificate) uses the request up.
   */
  async completeSignResponse(form: {
    relayState: string;
    signResponse: string;
  }): Promise<{ requestId: string; status: 'SIGNED' | 'FAILED' }> {
    if (this.provider.name === 'embedded') throw signRequestNotFound();
    const signedAt = wholeSeconds(this.clock.now());
    let failed = false;
    const refusal = await this.db.transaction(async (m): Promise<ProblemException | undefined> => {
      const row = isUuid(form.relayState)
        ? (
            await m.query<SignRequestRow[]>(
              `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1 FOR UPDATE OF r`,
              [form.relayState],
            )
          )[0]
        : undefined;
      if (!row) throw signRequestNotFound();
      const outcome = await this.complete(
        m,
        row,
        { type: 'sign-response', signResponse: form.signResponse, relayState: form.relayState },
        signedAt,
      );
      failed = outcome !== undefined && (await this.statusOf(m, row.id)) === 'FAILED';
      return failed ? undefined : outcome;
    });
    if (refusal) throw refusal;
    return { requestId: form.relayState, status: failed ? 'FAILED' : 'SIGNED' };
  }

  /** The form the signing window posts to the DSS signing service, for the request's signer. */
  async signServiceForm(actor: Actor, requestId: string): Promise<SignServiceForm> {
    const row = await this.ownRequest(this.db.manager, actor, requestId);
    const form = this.provider.signServiceForm?.(row.id, row.providerState);
    if (!form) throw signRequestNotFound();
    if (row.status === 'SIGNED') throw signRequestUsed();
    if (row.status === 'FAILED') throw signRequestFailed();
    if (this.clock.now() >= row.expiresAt) throw signRequestExpired();
    return form;
  }

  /**
   * The completion of a locked request: the provider's answer, the verification, then the stored
   * signature and the kind's handler, all in the caller's transaction. A refusal that uses the
   * request up is recorded and returned; one that does not is returned and changes nothing.
   */
  private async complete(
    m: EntityManager,
    row: SignRequestRow,
    answer: SignerAnswer,
    now: Date,
  ): Promise<ProblemException | undefined> {
    if (row.status === 'SIGNED') throw signRequestUsed();
    if (row.status === 'FAILED') throw signRequestFailed();
    if (this.clock.now() >= row.expiresAt) throw signRequestExpired();
    const handler = this.handlers.get(row.kind);
    if (!handler) throw new Error(`No sign completion handler for ${row.kind}`);
    const signer = (await this.signerOf(m, row.signerId))!;
    const completed = await this.provider.completeSignature(m, {
      requestId: row.id,
      signer,
      document: row.document,
      providerState: row.providerState,
      answer,
      signedAt: now,
    });
    if (!completed.ok) {
      if (completed.failure) {
        await this.markFailed(m, row, completed.failure.code, completed.failure.detail, completed.problem);
      }
      return completed.problem;
    }
    const signedAt = completed.signedAt ?? now;
    const [certificate, ...chain] = completed.certificateChain;
    const verification = await this.provider.verify({
      document: row.document,
      signature: completed.signature,
      certificateChain: completed.certificateChain,
      expectedSignerHsaId: signer.hsaId,
      signedAt,
    });
    if (!verification.ok) {
      const problem = signatureNotVerified(verification.reason);
      await this.markFailed(m, row, verification.reason, verification.detail, problem);
      return problem;
    }
    await m.query(
      `UPDATE sign_request SET status = 'SIGNED', used_at = $2, signed_at = $3, signature = $4, certificate = $5,
         certificate_chain = $6 WHERE id = $1`,
      [row.id, this.clock.now(), signedAt, completed.signature, certificate, chain],
    );
    await this.audit.append(m, {
      actorId: row.signerId,
      action: 'SIGN_REQUEST_SIGNED',
      entityType: 'sign_request',
      entityId: row.id,
      after: {
        kind: row.kind,
        digest: row.digest,
        certificateSerialNumber: verification.signer.serialNumber,
        provider: row.provider,
      },
    });
    await handler(m, toRecord(row), {
      provider: row.provider,
      signedAt,
      signature: completed.signature,
      certificate,
      certificateChain: chain,
      signer: verification.signer,
    });
    return undefined;
  }

  private async statusOf(m: EntityManager, id: string): Promise<string | undefined> {
    const [row] = await m.query<{ status: string }[]>('SELECT status FROM sign_request WHERE id = $1', [id]);
    return row?.status;
  }

  /**
   * Verifies a signed request again from what is stored (for "Verifiera signatur"): a document,
   * signature or certificate changed after signing fails. The caller decides who may ask, and
   * checks that the signed document (returned when it verifies) is about what it asks about.
   */
  async verifyStored(
    requestId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<StoredVerification> {
    const row = isUuid(requestId)
      ? (
          await manager.query<SignRequestRow[]>(
            `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1`,
            [requestId],
          )
        )[0]
      : undefined;
    if (!row) throw signRequestNotFound();
    if (row.status !== 'SIGNED' || !row.signature || !row.certificate || !row.signedAt) {
      return { ok: false, reason: 'NOT_SIGNED', message: 'Begäran är inte signerad.' };
    }
    const signer = (await this.signerOf(manager, row.signerId))!;
    if (sha256(Buffer.from(row.document, 'utf8')).toString('hex') !== row.digest) {
      return { ok: false, reason: 'DIGEST_MISMATCH', message: VERIFICATION_TEXTS.DIGEST_MISMATCH };
    }
    const result = await this.provider.verify({
      document: row.document,
      signature: row.signature,
      certificateChain: [row.certificate, ...(row.certificateChain ?? [])],
      expectedSignerHsaId: signer.hsaId,
      signedAt: row.signedAt,
      at: 'later',
    });
    return result.ok
      ? {
          ok: true,
          signedAt: row.signedAt,
          signer: result.signer,
          document: row.document,
          ...(result.revocation ? { revocation: result.revocation } : {}),
        }
      : { ok: false, reason: result.reason, message: VERIFICATION_TEXTS[result.reason] };
  }

  async unlockCertificate(actor: Actor, certificateId: string): Promise<CertificateView> {
    if (!isUuid(certificateId)) throw notFound('Certifikatet');
    return this.certificates.unlock(actor.person.id, certificateId);
  }

  /** Administrators: a person's certificates, to find the one to unlock. */
  async certificatesOfPerson(personId: string): Promise<CertificateView[]> {
    if (!isUuid(personId))
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'validation', 'personId måste vara ett giltigt id.');
    return this.certificates.list(this.db.manager, personId);
  }

  private async ownRequest(
    m: EntityManager,
    actor: Actor,
    requestId: string,
    lock = false,
  ): Promise<SignRequestRow> {
    if (!isUuid(requestId)) throw signRequestNotFound();
    const [row] = await m.query<SignRequestRow[]>(
      `SELECT ${REQUEST_COLUMNS} FROM ${REQUEST_FROM} WHERE r.id = $1 ${lock ? 'FOR UPDATE OF r' : ''}`,
      [requestId],
    );
    // Someone else's request does not exist for them, like a forwarded attest link.
    if (!row || row.signerId !== actor.person.id) throw signRequestNotFound();
    return row;
  }

  private async markFailed(
    m: EntityManager,
    row: SignRequestRow,
    code: string,
    detail: string,
    told: ProblemException,
  ): Promise<void> {
    await m.query(
      `UPDATE sign_request SET status = 'FAILED', used_at = $2, failure_code = $3, failure_detail = $4,
         failure_message = $5 WHERE id = $1`,
      [row.id, this.clock.now(), code.slice(0, 32), detail.slice(0, 2000), told.toProblem().detail],
    );
    await this.audit.append(m, {
      actorId: row.signerId,
      action: 'SIGN_REQUEST_FAILED',
      entityType: 'sign_request',
      entityId: row.id,
      after: { kind: row.kind, reason: code },
    });
  }

  /** The signer as the directory has them, read in the caller's transaction. */
  private async signerOf(m: EntityManager, personId: string): Promise<SignerIdentity | undefined> {
    if (!isUuid(personId)) return undefined;
    const [row] = await m.query<{ person: SessionPerson }[]>(findPersonSql('id', '$1'), [personId]);
    if (!row) return undefined;
    const { id, hsaId, firstName, lastName } = row.person;
    return { personId: id, hsaId, firstName, lastName };
  }
}
