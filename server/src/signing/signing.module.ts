import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CertificateStore } from './embedded/certificate-store.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DssSignatureProvider } from './dss/dss-signature-provider.js';
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
    // SIGNING_PROVIDER: the embedded test CA, or the DSS client (dss; federated = against BEH's own
    // signing service, the sign-service module).
    {
      provide: SIGNATURE_PROVIDER,
      inject: [APP_CONFIG, CertificateStore, Clock],
      useFactory: (config: AppConfig, certificates: CertificateStore, clock: Clock) =>
        config.signing.provider === 'embedded'
          ? new EmbeddedSignatureProvider(certificates, config)
          : new DssSignatureProvider(config, clock),
    },
    SigningService,
  ],
  exports: [SigningService, SIGNATURE_PROVIDER],
})
export class SigningModule {}
