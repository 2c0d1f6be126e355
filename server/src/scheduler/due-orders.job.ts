import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CarryOutFailed, CarryOutService } from '../orders/carry-out.service.js';

/**
 * How many batches one process carries out at a time, each in its own transaction. The audit
 * chain's head is locked once per batch, at its end; a second lane claims and writes its batch
 * while the first appends and commits. More lanes than that only wait for the head, and for the
 * two cores of a small server.
 */
const LANES = 2;

export interface DueOrdersResult {
  carriedOut: number;
  /** Transactions that carried out orders (batches, and single orders of a failed batch). */
  batches: number;
  failed: string[];
}

/**
 * Carries out every approved order whose start date has come, in batches: each lane claims up
 * to CARRY_OUT_BATCH free due orders with `FOR UPDATE SKIP LOCKED` and carries them out together
 * in one transaction, until no free due order is left. Other processes doing the same skip the
 * orders locked here, so each order is carried out exactly once.
 *
 * A batch fails as a whole (its transaction rolls back); which order caused it is not known, so
 * its orders are then carried out one by one, each in its own transaction: the others are carried
 * out in this same tick, and the one that fails again is logged, left APPROVED, reported in
 * `failed` and not claimed again in this tick. The next tick tries it again (its batch fails once
 * more and falls back again), so an order that cannot be carried out never holds up the others,
 * and one whose cause has been put right (say, in the directory) is carried out then.
 */
@Injectable()
export class DueOrdersJob {
  private readonly logger = new Logger('Scheduler');
  /** Shutting down: the batches in flight commit, and no lane claims another. */
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly carryOut: CarryOutService,
    private readonly clock: Clock,
  ) {}

  /** On shutdown (SchedulerService): claim nothing more; the batches in flight finish. */
  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<DueOrdersResult> {
    const today = this.clock.today();
    const limit = this.config.scheduler.carryOutBatch;
    const result: DueOrdersResult = { carriedOut: 0, batches: 0, failed: [] };
    // Orders no lane claims again in this tick: those that failed alone, and those of a failed
    // batch while one lane carries them out one by one.
    const leave = new Set<string>();
    const lanes: Promise<void>[] = [];
    const lane = async (): Promise<void> => {
      for (;;) {
        // What is not claimed now stays due for the next tick, in this process or another.
        if (this.stopped) return;
        try {
          const ids = await this.db.transaction((m) =>
            this.carryOut.carryOutDue(m, today, limit, [...leave]),
          );
          if (ids.length === 0) return;
          result.carriedOut += ids.length;
          result.batches++;
          // A full batch: there may be more, so the other lanes join in (an idle tick claims once).
          while (ids.length === limit && lanes.length < LANES) lanes.push(lane());
        } catch (error) {
          if (!(error instanceof CarryOutFailed)) throw error;
          for (const id of error.orderIds) leave.add(id);
          if (error.orderIds.length === 1) {
            this.failed(error, result);
          } else {
            this.logger.warn(`${error.message}; carrying them out one by one`);
            await this.oneByOne(error.orderIds, today, result);
          }
        }
      }
    };
    lanes.push(lane());
    // Every lane ends before the job does (a lost connection stops one lane, not the others
    // halfway); then the first such error is the job's. Lanes may join while others end.
    for (let settled = 0; settled < lanes.length;) {
      const round = await Promise.allSettled(lanes.slice(settled));
      settled += round.length;
    }
    const broken = (await Promise.allSettled(lanes)).find(
      (l): l is PromiseRejectedResult => l.status === 'rejected',
    );
    if (broken) throw broken.reason;
    return result;
  }

  /** The orders of a failed batch, each in a transaction of its own; one taken meanwhile is left. */
  private async oneByOne(orderIds: readonly string[], today: string, result: DueOrdersResult): Promise<void> {
    for (const orderId of orderIds) {
      try {
        if (await this.db.transaction((m) => this.carryOut.carryOutIfFree(m, orderId, today))) {
          result.carriedOut++;
          result.batches++;
        }
      } catch (error) {
        if (!(error instanceof CarryOutFailed)) throw error;
        this.failed(error, result);
      }
    }
  }

  private failed(error: CarryOutFailed, result: DueOrdersResult): void {
    result.failed.push(...error.orderIds);
    this.logger.error(error.message, error.cause instanceof Error ? error.cause.stack : undefined);
  }
}
