import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { MailModule } from '../mail/mail.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { SigningService } from '../signing/signing.service.js';
import { AttestCompletion } from './attest-completion.js';
import { AttestQueueAnswers } from './attest-queue-answers.js';
import { ATTEST_KIND, AttestRequestsService } from './attest-requests.service.js';
import { AttestController, OrderSignatureController } from './attest.controller.js';
import { AttestService } from './attest.service.js';

/**
 * Attest (rule 5, The attest link is the attestant's alone; rule 6, No approval without a
 * signature): the approval queue, the attestant's order page, Godkänn / Avslå as a sign request,
 * and the decision carried out by the ATTEST completion inside the signing transaction, through
 * the order state machine.
 */
@Module({
  imports: [OrdersModule, SigningModule, MailModule, AuditModule, DelegationsModule],
  controllers: [AttestController, OrderSignatureController],
  providers: [AttestService, AttestRequestsService, AttestCompletion, AttestQueueAnswers],
})
export class AttestModule implements OnModuleInit {
  constructor(
    private readonly signing: SigningService,
    private readonly completion: AttestCompletion,
  ) {}

  onModuleInit(): void {
    this.signing.registerHandler(ATTEST_KIND, this.completion.complete);
  }
}
