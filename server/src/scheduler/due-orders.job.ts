import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { CarryOutFailed, CarryOutService } from '../orders/carry-out.service.js';

/**
 * How many orders one process carries out at a time, each in its own transaction. The audit
 * chain's head is taken by each in turn, so more lanes mostly add waiting; a few let one order's
 * reads and writes overlap another's commit.
 */
const LANES = 4;

export interface DueOrdersResult {
  carriedOut: number;
  failed: string[];
}

/**
 * Carries out every approved order whose start date has come: each lane claims one order at a
 * time with `FOR UPDATE SKIP LOCKED` and carries it out in that order's own transaction, until
 * no free due order is left. Other processes doing the same skip the orders locked here, so
 * each order is carried out exactly once. An order that fails is rolled back, logged and left
 * APPROVED for the next tick, and not claimed again in this one.
 */
@Injectable()
export class DueOrdersJob {
  private readonly logger = new Logger('Scheduler');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly carryOut: CarryOutService,
    private readonly clock: Clock,
  ) {}

  async run(): Promise<DueOrdersResult> {
    const today = this.clock.today();
    const failed: string[] = [];
    let carriedOut = 0;
    const lane = async (): Promise<void> => {
      for (;;) {
        try {
          const id = await this.db.transaction((m) => this.carryOut.carryOutNextDue(m, today, failed));
          if (!id) return;
          carriedOut++;
        } catch (error) {
          if (!(error instanceof CarryOutFailed)) throw error;
          failed.push(error.orderId);
          this.logger.error(error.message, error.cause instanceof Error ? error.cause.stack : undefined);
        }
      }
    };
    // Every lane ends before the job does (a lost connection stops one lane, not the others
    // halfway); then the first such error is the job's.
    const lanes = await Promise.allSettled(Array.from({ length: LANES }, lane));
    const broken = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (broken) throw broken.reason;
    return { carriedOut, failed };
  }
}
