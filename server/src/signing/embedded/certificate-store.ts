import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { X509Certificate } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { KeyEnvelope } from '../crypto/key-envelope.js';
import {
  certificateLocked,
  certificateNotFound,
  certificateNotValidNow,
  MAX_PIN_TRIES,
  wrongPin,
} from '../signing.errors.js';
import type { CertificateView } from '../signing.types.js';
import type { SignerIdentity } from '../signature-provider.js';
import {
  ensureCa,
  insertCertificate,
  openCa,
  openCertificateKey,
  prepareCertificate,
} from './embedded-ca.js';
import type { ProblemException } from '../../common/problem.js';

interface CertificateRow {
  id: string;
  personId: string;
  caId: string;
  certificate: string;
  sealedKey: KeyEnvelope;
  validFrom: Date;
  validTo: Date;
  failedAttempts: number;
  lockedAt: Date | null;
}

const COLUMNS = `c.id, c.person_id AS "personId", c.ca_id AS "caId", c.certificate, c.sealed_key AS "sealedKey",
  c.valid_from AS "validFrom", c.valid_to AS "validTo", c.failed_attempts AS "failedAttempts", c.locked_at AS "lockedAt"`;

export type OpenedKey =
  { ok: true; privateKey: Buffer; certificateChain: string[] } | { ok: false; problem: ProblemException };

/**
 * The embedded signing service's certificates: the test CA (created on first start), one
 * certificate per person with its key sealed under the person's PIN, wrong-PIN counting and
 * locking, unlocking by administrators.
 */
@Injectable()
export class CertificateStore implements OnModuleInit {
  private anchors: X509Certificate[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.db.transaction((m) => ensureCa(m, this.config.signing.keySecret, this.clock.now()));
    await this.loadAnchors();
  }

  /** Every CA this installation has had: a signature stays verifiable after a CA is replaced. */
  async loadAnchors(): Promise<X509Certificate[]> {
    const rows = await this.db.query<{ certificate: string }[]>('SELECT certificate FROM signing_ca');
    this.anchors = rows.map((r) => new X509Certificate(r.certificate));
    return this.anchors;
  }

  trustAnchors(): X509Certificate[] {
    return this.anchors;
  }

  async list(manager: EntityManager, personId: string): Promise<CertificateView[]> {
    const rows = await manager.query<CertificateView[]>(
      `SELECT c.id, c.subject, c.subject_serial_number AS "subjectSerialNumber", c.serial_number AS "serialNumber",
              c.issuer, c.valid_from AS "validFrom", c.valid_to AS "validTo", c.locked_at IS NOT NULL AS locked,
              ${MAX_PIN_TRIES} - c.failed_attempts AS "triesLeft"
         FROM signing_certificate c WHERE c.person_id = $1 ORDER BY c.valid_to DESC, c.id`,
      [personId],
    );
    return rows;
  }

  /**
   * Issues a certificate to a person who has none, with the default PIN, where that is allowed
   * (development and test; never in production, where nobody may hold a PIN they did not choose).
   */
  async ensureCertificate(manager: EntityManager, signer: SignerIdentity): Promise<void> {
    const pin = this.config.signing.defaultPin;
    if (!pin) return;
    // Per person, so two requests created at once do not issue two certificates.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('signing_certificate:' || $1))`, [
      signer.personId,
    ]);
    const [has] = await manager.query<unknown[]>('SELECT 1 FROM signing_certificate WHERE person_id = $1', [
      signer.personId,
    ]);
    if (has) return;
    const now = this.clock.now();
    const { ca } = await ensureCa(manager, this.config.signing.keySecret, now);
    const caKey = await openCa(ca, this.config.signing.keySecret);
    const prepared = await prepareCertificate({
      ca,
      caKey,
      holder: { id: signer.personId, ...signer },
      pin,
      keySecret: this.config.signing.keySecret,
      now,
    });
    await insertCertificate(manager, prepared, now);
    await this.audit.append(manager, {
      actorId: null,
      action: 'SIGNING_CERTIFICATE_ISSUED',
      entityType: 'signing_certificate',
      entityId: prepared.id,
      after: { personId: signer.personId, hsaId: signer.hsaId },
    });
  }

  /**
   * Opens the signer's key with the PIN, counting a wrong PIN on the certificate (locked at the
   * third). The count is written in `manager`'s transaction, which the caller commits even when
   * this answers a refusal.
   */
  async openKey(
    manager: EntityManager,
    signer: SignerIdentity,
    certificateId: string,
    pin: string,
  ): Promise<OpenedKey> {
    const [row] = await manager.query<CertificateRow[]>(
      `SELECT ${COLUMNS} FROM signing_certificate c WHERE c.id = $1 AND c.person_id = $2 FOR UPDATE`,
      [certificateId, signer.personId],
    );
    if (!row) return { ok: false, problem: certificateNotFound() };
    if (row.lockedAt) return { ok: false, problem: certificateLocked() };
    const now = this.clock.now();
    if (now < row.validFrom || now > row.validTo) return { ok: false, problem: certificateNotValidNow() };
    const key = await openCertificateKey(row.id, row.sealedKey, pin, this.config.signing.keySecret);
    if (!key) return this.countWrongPin(manager, row, signer);
    if (row.failedAttempts > 0) {
      await manager.query('UPDATE signing_certificate SET failed_attempts = 0 WHERE id = $1', [row.id]);
    }
    const [ca] = await manager.query<{ certificate: string }[]>(
      'SELECT certificate FROM signing_ca WHERE id = $1',
      [row.caId],
    );
    return { ok: true, privateKey: key, certificateChain: [row.certificate, ca.certificate] };
  }

  private async countWrongPin(
    manager: EntityManager,
    row: CertificateRow,
    signer: SignerIdentity,
  ): Promise<OpenedKey> {
    const failed = row.failedAttempts + 1;
    const locked = failed >= MAX_PIN_TRIES;
    await manager.query(
      'UPDATE signing_certificate SET failed_attempts = $2, locked_at = CASE WHEN $3 THEN $4::timestamptz END WHERE id = $1',
      [row.id, failed, locked, this.clock.now()],
    );
    await this.audit.append(manager, {
      actorId: signer.personId,
      action: locked ? 'SIGNING_CERTIFICATE_LOCKED' : 'SIGNING_PIN_REJECTED',
      entityType: 'signing_certificate',
      entityId: row.id,
      after: { failedAttempts: failed, locked },
    });
    return { ok: false, problem: locked ? certificateLocked(true) : wrongPin(MAX_PIN_TRIES - failed) };
  }

  /** Administrators: lets the holder try again with three fresh tries. */
  async unlock(actorId: string, certificateId: string): Promise<CertificateView> {
    return this.db.transaction(async (m) => {
      const [row] = await m.query<CertificateRow[]>(
        `SELECT ${COLUMNS} FROM signing_certificate c WHERE c.id = $1 FOR UPDATE`,
        [certificateId],
      );
      if (!row) throw certificateNotFound();
      await m.query('UPDATE signing_certificate SET failed_attempts = 0, locked_at = NULL WHERE id = $1', [
        row.id,
      ]);
      await this.audit.append(m, {
        actorId,
        action: 'SIGNING_CERTIFICATE_UNLOCKED',
        entityType: 'signing_certificate',
        entityId: row.id,
        before: { failedAttempts: row.failedAttempts, locked: row.lockedAt !== null },
        after: { failedAttempts: 0, locked: false },
      });
      const views = await this.list(m, row.personId);
      return views.find((v) => v.id === row.id)!;
    });
  }
}
