import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { importSigningKey } from '../crypto/certificates.js';
import { sha256, signDetached } from '../crypto/cms.js';
import { type SignatureToVerify, type VerificationResult, verifyCmsSignature } from '../crypto/verify.js';
import type {
  CompletedSignature,
  CompleteSignatureInput,
  PreparedSignRequest,
  SignatureProvider,
  SignRequestInput,
} from '../signature-provider.js';
import { CertificateStore } from './certificate-store.js';

/**
 * The signing service the portal ships: the signer picks one of their certificates in the
 * portal's own signing window and enters its PIN; the key opened with it signs the document.
 */
@Injectable()
export class EmbeddedSignatureProvider implements SignatureProvider {
  readonly name = 'embedded';

  constructor(
    private readonly certificates: CertificateStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async createSignRequest(manager: EntityManager, input: SignRequestInput): Promise<PreparedSignRequest> {
    // "On first need": the signer gets a certificate when something first waits for their signature.
    await this.certificates.ensureCertificate(manager, input.signer);
    return {
      digest: sha256(Buffer.from(input.document, 'utf8')).toString('hex'),
      signingUrl: `${this.config.publicUrl}/signing/${input.requestId}`,
    };
  }

  async completeSignature(
    manager: EntityManager,
    input: CompleteSignatureInput,
  ): Promise<CompletedSignature> {
    if (input.answer.type !== 'pin') throw new Error('The embedded signing service is answered with a PIN');
    const opened = await this.certificates.openKey(
      manager,
      input.signer,
      input.answer.certificateId,
      input.answer.pin,
    );
    if (!opened.ok) return opened;
    const signature = await signDetached({
      document: Buffer.from(input.document, 'utf8'),
      signingTime: input.signedAt,
      certificateChain: opened.certificateChain,
      privateKey: await importSigningKey(opened.privateKey),
    });
    return { ok: true, signature, certificateChain: opened.certificateChain };
  }

  verify(input: SignatureToVerify): Promise<VerificationResult> {
    return verifyCmsSignature(input, this.certificates.trustAnchors());
  }
}
