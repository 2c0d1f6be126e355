import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { FulfilmentService } from '../fulfilment/fulfilment.service.js';
import { ScimDelivery, type ScimRunResult } from '../fulfilment/scim/scim-delivery.js';
import { MailService } from '../mail/mail.service.js';

/**
 * Each tick, the SCIM parts of access orders that are due (new, or their backoff over) are
 * carried out over SCIM (fulfilment/scim/scim-delivery.ts). Every process may run it at once: a
 * part is claimed by one of them.
 */
@Injectable()
export class ScimDeliveryJob {
  private readonly delivery: ScimDelivery;

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    clock: Clock,
    fulfilment: FulfilmentService,
    mail: MailService,
    audit: AuditService,
  ) {
    this.delivery = new ScimDelivery(db, config, clock, fulfilment, mail, audit);
  }

  run(): Promise<ScimRunResult> {
    return this.delivery.run();
  }

  /** On shutdown (SchedulerService): no more parts are claimed; those in hand are finished. */
  stop(): void {
    this.delivery.stop();
  }
}
