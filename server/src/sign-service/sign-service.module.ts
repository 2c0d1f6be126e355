import { Module } from '@nestjs/common';
import { SignServiceController } from './sign-service.controller.js';
import { SignServiceService } from './sign-service.service.js';

/**
 * BEH's own signing service of Sweden Connect's DSS extension (SIGNING_PROVIDER=federated), for
 * regions without one: signs the signer in at the IdP (the auth module's SamlService knows it),
 * issues a short-lived certificate from the configured CA and answers with a SignResponse. It
 * shares the DSS messages with the signing module's DSS client, which is its only requester.
 */
@Module({
  controllers: [SignServiceController],
  providers: [SignServiceService],
})
export class SignServiceModule {}
