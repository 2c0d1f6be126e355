import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { HandoverService } from '../fulfilment/handover.service.js';

/**
 * Hands approved access orders over to their systems once their start date has come (issue 14,
 * Carrying out): in batches of CARRY_OUT_BATCH, each claimed with `FOR UPDATE SKIP LOCKED` in a
 * transaction of its own, until none is left, so processes ticking side by side hand each order
 * over once. VMU orders are the due-orders job's.
 */
@Injectable()
export class AccessHandoverJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handover: HandoverService,
    private readonly clock: Clock,
  ) {}

  /** Answers how many orders were handed over. */
  async run(): Promise<number> {
    const today = this.clock.today();
    const limit = this.config.scheduler.carryOutBatch;
    let total = 0;
    for (;;) {
      const handed = await this.db.transaction((m) => this.handover.handOverDue(m, today, limit));
      total += handed;
      if (handed < limit) return total;
    }
  }
}
