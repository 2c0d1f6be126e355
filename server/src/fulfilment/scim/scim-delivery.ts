import { HttpException, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { administratorsOfSystems } from '../../access-catalogue/system-administrators.reads.js';
import { type ScimSystem, scimSystems } from '../../access-catalogue/system.reads.js';
import type { AuditService } from '../../audit/audit.service.js';
import type { Clock } from '../../common/clock.js';
import type { AppConfig } from '../../config/app-config.js';
import type { MailService } from '../../mail/mail.service.js';
import { lockAccessOrder } from '../../orders/access-handover.js';
import type { FulfilmentService } from '../fulfilment.service.js';
import { readPart } from '../parts.js';
import { deliverPart } from './deliver-part.js';
import { ScimClient, ScimError } from './scim-client.js';
import {
  type ClaimedScimPart,
  claimDueScimParts,
  lockLeasedPart,
  recordDelivered,
  recordFailed,
  releaseLease,
} from './scim-parts.js';
import { backoffSeconds } from './scim-settings.js';

/** Parts claimed together; each claim is its own short transaction. */
export const SCIM_CLAIM_BATCH = 10;
/** Claims one run makes at most: what is left is the next tick's. */
const MAX_CLAIMS_PER_RUN = 50;
/** A lease is this many request timeouts long (10 min at the default 10 s). */
const LEASE_TIMEOUTS = 60;

export interface ScimRunResult {
  /** Parts carried out over SCIM and settled DONE. */
  delivered: number;
  /** Failed attempts that will be tried again. */
  failed: number;
  /** Parts that failed their last allowed attempt and became work items (MANUAL). */
  handedToAdministrators: number;
}

/**
 * Carries out SCIM parts of access orders (issue 14, Carrying out) from their outbox, the
 * access_part rows: claims the due ones (a short transaction that moves scim_next_at forward as
 * a lease), talks to each system's SCIM server with no transaction open, and records the outcome
 * in a transaction that first checks the lease still holds:
 *
 * - done: settled DONE through FulfilmentService.settle (no Återkopplingsinfo), which completes
 *   the order when it was its last open part;
 * - failed: scim_attempts + 1, scim_last_error, the next try after 30 s · 2^(n−1), at most 1 h;
 * - failed for the SCIM_MAX_ATTEMPTS-th time: the part becomes MANUAL, a work item in the system's
 *   administrators' queue, its last error kept; they are mailed (ACCESS_PART_WAITING) and the
 *   change is an audit event (ACCESS_PART_SCIM_FAILED).
 *
 * Two processes never deliver the same part at once: a part is claimed by one of them, and the
 * other skips it until the lease has run out (it is far longer than a delivery takes). Should a
 * delivery outlast it anyway, the second delivery changes nothing the first has done (every step
 * reads first) and the first one's outcome is dropped at the lease check.
 */
export class ScimDelivery {
  private readonly logger = new Logger('ScimDelivery');
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly fulfilment: FulfilmentService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /** On shutdown: the parts in hand are finished, no more are claimed. */
  stop(): void {
    this.stopped = true;
  }

  async run(): Promise<ScimRunResult> {
    const result: ScimRunResult = { delivered: 0, failed: 0, handedToAdministrators: 0 };
    const { timeoutSeconds } = this.config.scim;
    const leaseMs = timeoutSeconds * LEASE_TIMEOUTS * 1000;
    for (let claims = 0; claims < MAX_CLAIMS_PER_RUN && !this.stopped; claims++) {
      const now = this.clock.now();
      const parts = await this.db.transaction((m) =>
        claimDueScimParts(m, now, new Date(now.getTime() + leaseMs), SCIM_CLAIM_BATCH),
      );
      if (parts.length === 0) break;
      const claimedAt = performance.now();
      const systems = await scimSystems(
        this.db,
        parts.map((p) => p.systemId),
        this.config.signing.keySecret,
      );
      // One person's parts on one system one after the other (their user is created once);
      // everything else side by side.
      const queues = new Map<string, ClaimedScimPart[]>();
      for (const part of parts) {
        const key = `${part.systemId}/${part.endUserId}`;
        queues.set(key, [...(queues.get(key) ?? []), part]);
      }
      await Promise.all(
        [...queues.values()].map(async (queue) => {
          for (const part of queue) {
            // Half the lease gone: what is left waits for a fresh claim rather than outlast it.
            if (performance.now() - claimedAt > leaseMs / 2) {
              await this.db.transaction((m) => releaseLease(m, part.id, part.lease, this.clock.now()));
              continue;
            }
            await this.attempt(part, systems.get(part.systemId), timeoutSeconds, result);
          }
        }),
      );
    }
    return result;
  }

  private async attempt(
    part: ClaimedScimPart,
    system: ScimSystem | undefined,
    timeoutSeconds: number,
    result: ScimRunResult,
  ): Promise<void> {
    let failure: string | undefined;
    try {
      const client = clientFor(system, timeoutSeconds);
      await deliverPart(client, part, part.grantRoles, part.revokeRoles);
    } catch (error) {
      failure =
        error instanceof ScimError
          ? error.message
          : `Oväntat fel vid SCIM-leveransen: ${error instanceof Error ? error.message : String(error)}`;
    }
    try {
      if (failure === undefined) {
        try {
          if (await this.settleDelivered(part)) result.delivered++;
          return;
        } catch (error) {
          // Carried out, but the portal refused to settle it (say, its order is no longer
          // APPROVED): a failure like any other, so that it ends with the administrators
          // instead of being delivered again every lease.
          if (!(error instanceof HttpException)) throw error;
          const detail = (error.getResponse() as { detail?: unknown }).detail;
          failure = `Utförd via SCIM men kunde inte markeras som utförd: ${typeof detail === 'string' ? detail : error.message}`;
        }
      }
      if (part.attempts + 1 >= this.config.scim.maxAttempts) {
        if (await this.giveToAdministrators(part, failure)) result.handedToAdministrators++;
      } else if (await this.retryLater(part, failure)) {
        result.failed++;
      }
    } catch (error) {
      // The outcome could not be written (say, a lost connection): the lease runs out and the
      // part is tried again, which repeats nothing already done.
      this.logger.error(
        `SCIM part ${part.id}: recording the outcome failed`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }

  /** Settles the part DONE if it is still this delivery's. */
  private settleDelivered(part: ClaimedScimPart): Promise<boolean> {
    return this.db.transaction(async (m) => {
      // The order first, then the part: the order in which settling locks them.
      await lockAccessOrder(m, part.orderId);
      if (!(await lockLeasedPart(m, part.id, part.lease))) return false;
      await recordDelivered(m, part.id, this.clock.now());
      await this.fulfilment.settle(m, part.id, { status: 'DONE', actorId: null });
      return true;
    });
  }

  private async retryLater(part: ClaimedScimPart, failure: string): Promise<boolean> {
    const now = this.clock.now();
    const next = new Date(now.getTime() + backoffSeconds(part.attempts + 1) * 1000);
    const attempts = await this.db.transaction((m) =>
      recordFailed(m, part.id, part.lease, failure, next, now),
    );
    if (attempts !== undefined) {
      this.logger.warn(
        `SCIM part ${part.id}: attempt ${attempts} failed, next at ${next.toISOString()}: ${failure}`,
      );
    }
    return attempts !== undefined;
  }

  /** The last allowed attempt failed: the part becomes a work item for the system's administrators. */
  private giveToAdministrators(part: ClaimedScimPart, failure: string): Promise<boolean> {
    return this.db.transaction(async (m) => {
      const order = await lockAccessOrder(m, part.orderId);
      const attempts = await recordFailed(m, part.id, part.lease, failure, null, this.clock.now());
      if (attempts === undefined || !order) return false;
      this.logger.warn(`SCIM part ${part.id}: gave up after ${attempts} attempts, now MANUAL: ${failure}`);
      await this.audit.append(m, {
        actorId: null,
        action: 'ACCESS_PART_SCIM_FAILED',
        entityType: 'access_part',
        entityId: part.id,
        before: { method: 'SCIM', status: 'PENDING' },
        after: {
          orderId: part.orderId,
          itemId: part.itemId,
          systemId: part.systemId,
          method: 'MANUAL',
          status: 'PENDING',
          scimAttempts: attempts,
          scimLastError: failure,
        },
      });
      await this.mailAdministrators(m, order, part.id, { attempts, lastError: failure });
      return true;
    });
  }

  private async mailAdministrators(
    m: EntityManager,
    order: NonNullable<Awaited<ReturnType<typeof lockAccessOrder>>>,
    partId: string,
    scimFailure: { attempts: number; lastError: string },
  ): Promise<void> {
    const record = await readPart(m, partId, false);
    if (!record) return;
    const administrators = await administratorsOfSystems(m, [record.systemId]);
    if (administrators.length === 0) {
      this.logger.warn(`SCIM part ${partId}: its system has no administrators to mail`);
      return;
    }
    const [data] = await this.fulfilment.partMails(m, order, [record]);
    await this.mail.enqueueMany(
      m,
      administrators.map((a) => ({
        to: a.email,
        template: 'ACCESS_PART_WAITING' as const,
        data: { ...data, recipientName: a.name, scimFailure },
      })),
    );
  }
}

/** A client for the system's SCIM server; a ScimError when the catalogue lacks what it needs. */
function clientFor(system: ScimSystem | undefined, timeoutSeconds: number): ScimClient {
  if (!system) throw new ScimError('Systemet finns inte längre i behörighetskatalogen.');
  if (!system.baseUrl) throw new ScimError(`${system.name} saknar SCIM-adress i behörighetskatalogen.`);
  if (!system.token) {
    throw new ScimError(
      system.tokenUnreadable
        ? `SCIM-token för ${system.name} går inte att öppna (förseglad under en annan SIGNING_KEY_SECRET).`
        : `${system.name} saknar SCIM-token i behörighetskatalogen.`,
    );
  }
  return new ScimClient(system.baseUrl, system.token, timeoutSeconds * 1000);
}
