import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CertificateStore } from './embedded/certificate-store.js';
import { EmbeddedSignatureProvider } from './embedded/embedded-signature-provider.js';
import { SIGNATURE_PROVIDER } from './signature-provider.js';
import { SigningController } from './signing.controller.js';
import { SigningService } from './signing.service.js';

/**
 * Sign requests, the signing window, signature verification and the embedded test CA. Other
 * modules use SigningService: createRequest in their transaction, registerHandler for their kind,
 * verifyStored to check a stored signature again.
 */
@Module({
  imports: [AuditModule],
  controllers: [SigningController],
  providers: [
    CertificateStore,
    EmbeddedSignatureProvider,
    // SIGNING_PROVIDER=embedded is the only value loadSigningConfig accepts so far; a DSS provider
    // would be chosen here by config.signing.provider.
    { provide: SIGNATURE_PROVIDER, useExisting: EmbeddedSignatureProvider },
    SigningService,
  ],
  exports: [SigningService],
})
export class SigningModule {}
