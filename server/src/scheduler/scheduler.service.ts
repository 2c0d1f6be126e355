import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { AuditAnchorService } from '../audit/audit-anchor.service.js';
import { foldAttestQueueStamps } from '../orders/attest-queue-stamp.js';
import { AccessHandoverJob } from './access-handover.job.js';
import { AttestRemindersJob } from './attest-reminders.job.js';
import { DelegationExpiryJob } from './delegation-expiry.job.js';
import { DirectorySyncJob } from './directory-sync.job.js';
import { DueOrdersJob } from './due-orders.job.js';
import { FulfilmentRemindersJob } from './fulfilment-reminders.job.js';
import { ScimDeliveryJob } from './scim-delivery.job.js';
import { GrantEndingsJob } from './grant-endings.job.js';
import { LdapWritesJob } from './ldap-writes.job.js';
import { LeaversJob } from './leavers.job.js';
import { ReviewFollowUp } from '../reviews/review-follow-up.js';
import type { TickReport } from './scheduler.types.js';
import { SessionSweepJob } from './session-sweep.job.js';

const INTERVAL = 'beh-scheduler-tick';

/**
 * The scheduler's tick (design.md, Scheduler), every SCHEDULER_INTERVAL_SECONDS in every server
 * process: carry out due orders, tell orderers of time-limited grants that ended, remind and
 * escalate waiting attests, and announce delegations about to end. Every job claims its rows so
 * that any number of processes may tick at once. Every date decision is made with Clock, so
 * tests set the clock and call runTick() instead of running the timer.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Scheduler');
  private current: Promise<TickReport> | undefined;
  /** Set on shutdown: no new tick starts, and the tick in flight starts no further job. */
  private stopping = false;
  private readonly tickListeners: ((seconds: number) => void)[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly dueOrders: DueOrdersJob,
    private readonly reminders: AttestRemindersJob,
    private readonly delegationExpiry: DelegationExpiryJob,
    private readonly grantEndings: GrantEndingsJob,
    private readonly sessionSweep: SessionSweepJob,
    private readonly auditAnchors: AuditAnchorService,
    private readonly accessHandover: AccessHandoverJob,
    private readonly fulfilmentReminders: FulfilmentRemindersJob,
    private readonly scimDelivery: ScimDeliveryJob,
    private readonly ldapWrites: LdapWritesJob,
    private readonly directorySync: DirectorySyncJob,
    private readonly leavers: LeaversJob,
    private readonly reviews: ReviewFollowUp,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, intervalSeconds } = this.config.scheduler;
    if (!enabled) return;
    const timer = setInterval(() => void this.runTick().catch(() => undefined), intervalSeconds * 1000);
    // The timer alone must not keep a process alive; the HTTP server does that.
    timer.unref();
    this.registry.addInterval(INTERVAL, timer);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.dueOrders.stop();
    this.scimDelivery.stop();
    this.ldapWrites.stop();
    if (this.registry.doesExist('interval', INTERVAL)) this.registry.deleteInterval(INTERVAL);
    // Let a tick in flight finish its job and commit before the database pool closes.
    await this.current?.catch(() => undefined);
  }

  /** Called with each finished tick's duration in seconds (the metrics' tick histogram). */
  onTick(listener: (seconds: number) => void): void {
    this.tickListeners.push(listener);
  }

  /**
   * Runs one tick now and answers what it did. A tick still running (a slow one, or the timer's)
   * is joined rather than overlapped: its work is what a second one would do.
   */
  runTick(): Promise<TickReport> {
    this.current ??= this.tick().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async tick(): Promise<TickReport> {
    const started = process.hrtime.bigint();
    try {
      return await this.jobs();
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const listener of this.tickListeners) listener(seconds);
    }
  }

  private async jobs(): Promise<TickReport> {
    const report: TickReport = {
      carriedOut: 0,
      carryOutBatches: 0,
      failed: [],
      reminders: 0,
      escalations: 0,
      delegationNotices: 0,
      grantEndings: 0,
      handedOver: 0,
      fulfilmentReminders: 0,
      scimDelivered: 0,
      scimFailed: 0,
      scimHandedToAdministrators: 0,
      leaverRevokes: 0,
      leaverDelegationsEnded: 0,
      reviewCampaignsStarted: 0,
      reviewReminders: 0,
      reviewEscalations: 0,
      reviewCampaignsClosed: 0,
    };
    // Each job on its own: one failing (say, a lost connection) must not stop the others.
    // First: the jobs after it (leavers, due orders) act on the directory as KIV has it now.
    await this.step('directory sync', async () => {
      await this.directorySync.run();
    });
    // Before due orders: a revoke carried out directly (LEAVER_REVOKE=direct) dated today goes in this tick.
    await this.step('leavers', async () => {
      const { revokes, delegationsEnded } = await this.leavers.run();
      Object.assign(report, { leaverRevokes: revokes, leaverDelegationsEnded: delegationsEnded });
    });
    // Access reviews: campaigns start, remind, escalate and close on their days; revokes a close
    // places dated today are carried out at once.
    await this.step('access reviews', async () => {
      const { started, reminders, escalations, closed } = await this.reviews.run();
      Object.assign(report, {
        reviewCampaignsStarted: started,
        reviewReminders: reminders,
        reviewEscalations: escalations,
        reviewCampaignsClosed: closed,
      });
    });
    await this.step('due orders', async () => {
      const { carriedOut, batches, failed } = await this.dueOrders.run();
      Object.assign(report, { carriedOut, carryOutBatches: batches, failed });
    });
    // Right after carrying out (DIRECTORY_SOURCE=ldap): the member changes go to KIV, and orders
    // whose every write KIV has confirmed are completed.
    await this.step('LDAP write back', async () => {
      await this.ldapWrites.run();
    });
    await this.step('access hand-over', async () => {
      report.handedOver = await this.accessHandover.run();
    });
    // Right after the hand-over: parts handed over in a tick go out in the same tick.
    await this.step('SCIM delivery', async () => {
      const { delivered, failed, handedToAdministrators } = await this.scimDelivery.run();
      Object.assign(report, {
        scimDelivered: delivered,
        scimFailed: failed,
        scimHandedToAdministrators: handedToAdministrators,
      });
    });
    await this.step('grant endings', async () => {
      report.grantEndings = await this.grantEndings.run();
    });
    await this.step('attest reminders', async () => {
      report.reminders = await this.reminders.remind();
    });
    await this.step('attest escalations', async () => {
      report.escalations = await this.reminders.escalate();
    });
    await this.step('fulfilment reminders', async () => {
      report.fulfilmentReminders = await this.fulfilmentReminders.run();
    });
    await this.step('delegation expiry', async () => {
      report.delegationNotices = await this.delegationExpiry.run();
    });
    await this.step('session sweep', async () => {
      await this.sessionSweep.run();
    });
    // The attest queues' stamp rows of this tick's writes, each attestant's folded into one.
    await this.step('attest queue stamps', async () => {
      await foldAttestQueueStamps(this.db);
    });
    await this.step('audit anchor', async () => {
      await this.auditAnchors.anchorIfDue();
    });
    const { failed, ...counts } = report;
    if (Object.values(counts).some((n) => n > 0) || failed.length > 0) {
      this.logger.log(`Tick: ${JSON.stringify(report)}`);
    }
    return report;
  }

  private async step(name: string, work: () => Promise<void>): Promise<void> {
    // Shutting down: what is not started now is the next tick's, in this process or another.
    if (this.stopping) return;
    try {
      await work();
    } catch (error) {
      this.logger.error(
        `Scheduler job "${name}" failed`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }
}
