import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { MailModule } from '../mail/mail.module.js';
import { OrdersModule } from '../orders/orders.module.js';
import { SigningModule } from '../signing/signing.module.js';
import { SigningService } from '../signing/signing.service.js';
import { ReviewFollowUp } from './review-follow-up.js';
import { REVIEW_KIND, ReviewSigning } from './review-signing.js';
import { ReviewsController } from './reviews.controller.js';
import { ReviewsService } from './reviews.service.js';

/**
 * Access reviews (issue 17): campaigns and their snapshot, the reviewer's page, and the decisions
 * signed with one signature, whose removals become revoke orders through the orders module.
 */
@Module({
  imports: [OrdersModule, SigningModule, DelegationsModule, MailModule, AuditModule],
  controllers: [ReviewsController],
  providers: [ReviewsService, ReviewSigning, ReviewFollowUp],
  exports: [ReviewsService, ReviewFollowUp],
})
export class ReviewsModule implements OnModuleInit {
  constructor(
    private readonly signing: SigningService,
    private readonly completion: ReviewSigning,
  ) {}

  onModuleInit(): void {
    this.signing.registerHandler(REVIEW_KIND, this.completion.complete);
  }
}
