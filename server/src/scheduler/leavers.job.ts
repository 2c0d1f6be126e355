import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type LeaversConfig, loadLeaversConfig } from '../config/leavers.config.js';
import { endLeaverDelegations, type LeaverDelegation } from '../delegations/delegations-leaver.js';
import { fromPersons, personEmailSql, personNameSql } from '../directory/directory.reads.js';
import {
  claimEndedEngagements,
  type EndedEngagement,
  forgetEndedEngagements,
  holdBackEndedEngagements,
} from '../directory/leavers.reads.js';
import { MailService } from '../mail/mail.service.js';
import { CarryOutService } from '../orders/carry-out.service.js';
import {
  type Leaver,
  type LeaverRevoke,
  placeLeaverRevokes,
  revocableAssignments,
} from '../orders/leavers.js';
import { OrderStateMachine } from '../orders/order-state.js';

/** What one run of the leavers job did. */
export interface LeaversReport {
  /** Revoke orders the system placed. */
  revokes: number;
  /** Delegations ended because their delegate left the unit. */
  delegationsEnded: number;
}

/**
 * Leavers and movers (issue 15, point 4): acts on engagements that ended, whoever ended them (the
 * administrators' grid in embedded mode, the KIV sync in ldap mode). A trigger queues every
 * engagement whose end is set or moved (directory/leavers.reads.ts); each run claims the queue
 * `FOR UPDATE SKIP LOCKED` in transactions of LEAVER_BATCH engagements, so it reads only what is
 * due and two processes never act on the same engagement. For each person who no longer has an
 * engagement at the unit after the end (a move within the unit is nothing):
 *
 * - every assignment they hold there that still runs after the end gets a revoke order placed by
 *   the system (orders/leavers.ts), dated the day after the end, awaiting the head of unit's
 *   attest (LEAVER_REVOKE=attest) or approved and carried out at its date (direct);
 * - their delegations for the unit end (delegations/delegations-leaver.ts);
 * - each head of unit gets one summary mail (LEAVERS_SUMMARY) for the run, not one per person.
 *
 * A unit with no head of unit (or whose head is the leaver) has nobody to attest: its leaver's
 * revokes are held back in the queue until the directory names another head.
 */
@Injectable()
export class LeaversJob {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly machine: OrderStateMachine,
    private readonly carryOut: CarryOutService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
    private readonly clock: Clock,
  ) {}

  /** LEAVER_REVOKE and LEAVER_BATCH (AppConfig.leavers; the defaults until app-config.ts carries it). */
  private get settings(): LeaversConfig {
    return (this.config as { leavers?: LeaversConfig }).leavers ?? loadLeaversConfig({});
  }

  async run(): Promise<LeaversReport> {
    const report: LeaversReport = { revokes: 0, delegationsEnded: 0 };
    const { batch } = this.settings;
    for (;;) {
      const { claimed, revokes, delegationsEnded } = await this.db.transaction((m) => this.batch(m, batch));
      report.revokes += revokes;
      report.delegationsEnded += delegationsEnded;
      if (claimed < batch) return report;
    }
  }

  private async batch(
    m: EntityManager,
    limit: number,
  ): Promise<{ claimed: number; revokes: number; delegationsEnded: number }> {
    const claimed = await claimEndedEngagements(m, limit);
    if (claimed.length === 0) return { claimed: 0, revokes: 0, delegationsEnded: 0 };
    const gone = claimed.filter((c) => !c.stillEngaged);
    const hasHead = (c: EndedEngagement) => c.headId !== null && c.headId !== c.personId;
    const leavers: Leaver[] = gone.filter(hasHead).map((c) => ({ ...c, headId: c.headId as string }));
    // Without a head there is nobody to attest: held back if there is something to revoke.
    const headless = gone.filter((c) => !hasHead(c));
    const revocable = await revocableAssignments(m, headless);
    const heldBack = headless.filter((_, n) => revocable.has(n)).map((c) => c.engagementId);

    const revokes = await placeLeaverRevokes(
      m,
      this.machine,
      this.carryOut,
      leavers,
      this.settings.revoke === 'direct',
    );
    const delegations = await endLeaverDelegations(m, this.audit, gone, this.clock.now());
    await this.summarise(m, revokes, delegations, gone);
    await holdBackEndedEngagements(m, heldBack);
    const held = new Set(heldBack);
    await forgetEndedEngagements(
      m,
      claimed.map((c) => c.engagementId).filter((id) => !held.has(id)),
    );
    return { claimed: claimed.length, revokes: revokes.length, delegationsEnded: delegations.length };
  }

  /** One LEAVERS_SUMMARY mail per head of unit, in the batch's transaction. */
  private async summarise(
    m: EntityManager,
    revokes: readonly LeaverRevoke[],
    delegations: readonly LeaverDelegation[],
    gone: readonly EndedEngagement[],
  ): Promise<void> {
    const headOfUnit = new Map(gone.map((c) => [c.careUnitId, c.headId]));
    const byHead = new Map<string, { revokes: LeaverRevoke[]; delegations: LeaverDelegation[] }>();
    const of = (headId: string) => {
      let entry = byHead.get(headId);
      if (!entry) byHead.set(headId, (entry = { revokes: [], delegations: [] }));
      return entry;
    };
    for (const r of revokes) of(r.headId).revokes.push(r);
    for (const d of delegations) {
      const headId = headOfUnit.get(d.careUnitId);
      if (headId) of(headId).delegations.push(d);
    }
    if (byHead.size === 0) return;
    const heads = await m.query<{ id: string; name: string; email: string | null }[]>(
      `SELECT p.id, ${personNameSql('p')} AS name, ${personEmailSql('p')} AS email
         FROM ${fromPersons('p')} WHERE p.id = ANY($1::uuid[])`,
      [[...byHead.keys()]],
    );
    await this.mail.enqueueMany(
      m,
      heads.map((head) => {
        const entry = byHead.get(head.id)!;
        return {
          to: head.email,
          template: 'LEAVERS_SUMMARY' as const,
          data: {
            headId: head.id,
            recipientName: head.name,
            direct: this.settings.revoke === 'direct',
            revokes: entry.revokes.map((r) => ({
              orderNumber: r.orderNumber,
              endUserName: r.endUserName,
              careUnitName: r.careUnitName,
              lastDay: r.lastDay,
              startDate: r.startDate,
              assignmentNames: r.assignmentNames,
            })),
            delegations: entry.delegations.map((d) => ({
              delegateName: d.delegateName,
              careUnitName: d.careUnitName,
              validTo: d.validTo,
            })),
          },
        };
      }),
    );
  }
}
