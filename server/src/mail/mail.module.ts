import { Module } from '@nestjs/common';
import { MailDeliveryService } from './mail-delivery.service.js';
import { MailService } from './mail.service.js';
import { OutboxController } from './outbox.controller.js';

/**
 * Transactional outbox, Swedish templates and delivery with retry. Other modules call
 * `MailService.enqueue(manager, …)` inside their own transaction and never send mail themselves.
 */
@Module({
  controllers: [OutboxController],
  providers: [MailService, MailDeliveryService],
  exports: [MailService, MailDeliveryService],
})
export class MailModule {}
