import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { LdapWriteDelivery, type LdapWriteRunResult } from '../directory/ldap/write-back.delivery.js';
import { CarryOutService } from '../orders/carry-out.service.js';

export interface LdapWritesResult extends LdapWriteRunResult {
  /** VMU orders completed because KIV confirmed their every write. */
  completed: number;
}

/**
 * With the directory in KIV (DIRECTORY_SOURCE=ldap, issue 15), each tick writes the due member
 * changes back to KIV (the directory's outbox, with its lease, retries and backoff) and then
 * completes the carried-out VMU orders whose writes are all confirmed: in batches of
 * CARRY_OUT_BATCH, each in a transaction of its own with the orders claimed `SKIP LOCKED`, so
 * processes ticking side by side complete each order once. Nothing to do when embedded.
 */
@Injectable()
export class LdapWritesJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly delivery: LdapWriteDelivery,
    private readonly carryOut: CarryOutService,
  ) {}

  async run(): Promise<LdapWritesResult> {
    if (this.config.directory.source !== 'ldap') return { done: 0, failed: 0, gaveUp: 0, completed: 0 };
    const delivered = await this.delivery.run();
    const limit = this.config.scheduler.carryOutBatch;
    let completed = 0;
    const waiting: string[] = [];
    for (;;) {
      const round = await this.db.transaction((m) => this.carryOut.completeConfirmed(m, limit, waiting));
      completed += round.completed.length;
      waiting.push(...round.waiting);
      if (round.looked < limit) return { ...delivered, completed };
    }
  }

  /** On shutdown (SchedulerService): no more writes are claimed. */
  stop(): void {
    this.delivery.stop();
  }
}
