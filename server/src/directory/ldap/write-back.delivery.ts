import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AndFilter,
  Attribute,
  Change,
  type Client,
  EqualityFilter,
  NoSuchAttributeError,
  ResultCodeError,
  TypeOrValueExistsError,
} from 'ldapts';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { activeSql } from '../../common/sql.js';
import { APP_CONFIG, type AppConfig, type LdapSettings } from '../../config/app-config.js';
import { openLdap } from './ldap-client.js';
import type { LdapWriteOperation, LdapWriteOutcome, LdapWriteReason } from './write-back.js';

/** Writes claimed together; each claim is its own short statement. */
const CLAIM_BATCH = 50;
/** Claims one run makes at most: what is left is the next tick's. */
const MAX_CLAIMS_PER_RUN = 40;
/** A lease is this many LDAP timeouts long (10 min at the default 30 s). */
const LEASE_TIMEOUTS = 20;
/** Failed attempts before a write is FAILED, should the LDAP settings be missing. */
const DEFAULT_WRITE_MAX_ATTEMPTS = 5;
const BACKOFF_BASE_SECONDS = 30;
const BACKOFF_CAP_SECONDS = 3600;

/** Wait after the `failures`-th failure: 30 s, 1 min, 2 min, … at most an hour. */
export function writeBackoffSeconds(failures: number): number {
  const exponent = Math.max(0, failures - 1);
  return exponent >= 7
    ? BACKOFF_CAP_SECONDS
    : Math.min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** exponent);
}

export interface LdapWriteRunResult {
  /** Writes confirmed (written, or already so in KIV). */
  done: number;
  /** Failed attempts that will be tried again. */
  failed: number;
  /** Writes that failed their last allowed attempt and wait for an administrator (FAILED). */
  gaveUp: number;
}

interface ClaimedWrite {
  id: string;
  reason: LdapWriteReason;
  operation: LdapWriteOperation;
  personId: string;
  assignmentId: string;
  attempts: number;
  lease: Date;
  personHsaId: string;
  commissionHsaId: string;
}

/** A failure to tell administrators, in Swedish, with the LDAP server's own message. */
class WriteFailure extends Error {}

/**
 * Delivers the write-back outbox (ldap_write) to KIV, like the mail outbox: due PENDING rows are
 * claimed in a short statement (`FOR UPDATE SKIP LOCKED`, `next_attempt_at` pushed out as a
 * lease, the attempt counted), written with no transaction open, and each outcome recorded only
 * while the lease still holds, so two processes never deliver the same row. The rows of one
 * (commission, person) pair go in their order: a row waits while an earlier one of its pair is
 * due, being delivered, waiting for a retry or FAILED.
 *
 * Idempotent: adding a member KIV already has (attributeOrValueExists, 20) and removing one it
 * lacks (noSuchAttribute, 16) count as done (outcome ALREADY). A time-limited grant's end is not
 * written when the person holds the assignment again on that day (a later grant): outcome
 * STILL_HELD. A failure is tried again after 30 s · 2^(n−1), at most an hour; the
 * LDAP_WRITE_MAX_ATTEMPTS-th failure of the write itself (an LDAP error for it: no such
 * commission, refused, timed out) makes the row FAILED, listed for administrators with the LDAP
 * error until one of them retries it. KIV that cannot be reached at all (connect or bind fails)
 * fails no write for good: the rows wait, their last error saying why, and go out by themselves
 * once KIV is back, as mail does when the relay is down. An order whose writes are not all DONE is
 * not complete.
 */
@Injectable()
export class LdapWriteDelivery {
  private readonly logger = new Logger('LdapWriteBack');
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** On shutdown: the write in hand is finished, no more are claimed. */
  stop(): void {
    this.stopped = true;
  }

  /** Failed attempts before a write waits for an administrator (LDAP_WRITE_MAX_ATTEMPTS). */
  private maxAttempts(): number {
    return this.config.directory.ldap?.writeMaxAttempts ?? DEFAULT_WRITE_MAX_ATTEMPTS;
  }

  /** Delivers every due write (none when the directory is embedded). */
  async run(): Promise<LdapWriteRunResult> {
    const result: LdapWriteRunResult = { done: 0, failed: 0, gaveUp: 0 };
    const settings = this.config.directory.ldap;
    if (this.config.directory.source !== 'ldap' || !settings) return result;
    const leaseMs = settings.timeoutMs * LEASE_TIMEOUTS;
    for (let claims = 0; claims < MAX_CLAIMS_PER_RUN && !this.stopped; claims++) {
      const writes = await this.claim(leaseMs);
      if (writes.length === 0) break;
      const claimedAt = performance.now();
      let client: Client | undefined;
      let unreachable: string | undefined;
      try {
        client = await openLdap(settings);
      } catch (error) {
        unreachable = `KIV (LDAP) gick inte att nå: ${describe(error)}`;
      }
      try {
        const dns = new Map<string, string>();
        for (const [i, write] of writes.entries()) {
          if (this.stopped || performance.now() - claimedAt > leaseMs / 2) {
            await this.release(writes.slice(i));
            break;
          }
          await this.attempt(write, client, unreachable, settings, dns, result);
        }
      } finally {
        await client?.unbind().catch(() => undefined);
      }
      // KIV cannot be reached: the rest waits for the next tick rather than fail one by one.
      if (unreachable) break;
    }
    return result;
  }

  private async claim(leaseMs: number): Promise<ClaimedWrite[]> {
    const now = this.clock.now();
    const lease = new Date(now.getTime() + leaseMs);
    return this.db.query<ClaimedWrite[]>(
      `WITH claimed AS (
         UPDATE ldap_write w SET attempts = w.attempts + 1, next_attempt_at = $2, updated_at = $1
          WHERE w.id IN (
            SELECT x.id FROM ldap_write x
             WHERE x.status = 'PENDING' AND x.next_attempt_at <= $1
               AND NOT EXISTS (
                 SELECT 1 FROM ldap_write e
                  WHERE e.assignment_id = x.assignment_id AND e.person_id = x.person_id
                    AND e.seq < x.seq AND e.status <> 'DONE'
                    AND (e.status = 'FAILED' OR e.attempts > 0 OR e.next_attempt_at <= $1))
             ORDER BY x.next_attempt_at, x.seq
             LIMIT $3
             FOR UPDATE SKIP LOCKED)
         RETURNING w.id, w.seq, w.reason, w.operation, w.person_id, w.assignment_id, w.attempts,
                   w.next_attempt_at)
       SELECT c.id, c.reason, c.operation, c.person_id AS "personId", c.assignment_id AS "assignmentId",
              c.attempts, c.next_attempt_at AS lease, p.hsa_id AS "personHsaId",
              a.hsa_id AS "commissionHsaId"
         FROM claimed c
         JOIN person p ON p.id = c.person_id
         JOIN assignment a ON a.id = c.assignment_id
        ORDER BY c.seq`,
      [now, lease, CLAIM_BATCH],
    );
  }

  private async attempt(
    write: ClaimedWrite,
    client: Client | undefined,
    unreachable: string | undefined,
    settings: LdapSettings,
    dns: Map<string, string>,
    result: LdapWriteRunResult,
  ): Promise<void> {
    let outcome: LdapWriteOutcome | undefined;
    let failure: string | undefined = unreachable;
    if (!failure) {
      try {
        outcome = await this.write(write, client as Client, settings, dns);
      } catch (error) {
        failure = error instanceof WriteFailure ? error.message : `LDAP-fel: ${describe(error)}`;
      }
    }
    try {
      if (outcome) {
        if (await this.recordDone(write, outcome)) result.done++;
      } else if (write.attempts >= this.maxAttempts() && !unreachable) {
        if (await this.recordFailed(write, failure as string, null)) {
          result.gaveUp++;
          this.logger.warn(
            `LDAP write ${write.id}: gave up after ${write.attempts} attempts, waits for an administrator: ${failure}`,
          );
        }
      } else {
        const next = new Date(this.clock.now().getTime() + writeBackoffSeconds(write.attempts) * 1000);
        if (await this.recordFailed(write, failure as string, next)) {
          result.failed++;
          this.logger.warn(`LDAP write ${write.id}: attempt ${write.attempts} failed: ${failure}`);
        }
      }
    } catch (error) {
      // The outcome could not be recorded: the lease runs out and the write is tried again,
      // which KIV takes as already done.
      this.logger.error(
        `LDAP write ${write.id}: recording the outcome failed`,
        error instanceof Error ? error.stack : String(error),
      );
    }
  }

  /** Makes the change in KIV; answers how it ended, or throws. */
  private async write(
    write: ClaimedWrite,
    client: Client,
    settings: LdapSettings,
    dns: Map<string, string>,
  ): Promise<LdapWriteOutcome> {
    if (write.reason === 'GRANT_ENDED' && (await this.stillHeld(write))) return 'STILL_HELD';
    const { mapping } = settings;
    let dn = dns.get(write.commissionHsaId);
    if (dn === undefined) {
      const { searchEntries } = await client.search(settings.organisationBase, {
        scope: 'sub',
        filter: new AndFilter({
          filters: [
            new EqualityFilter({ attribute: 'objectClass', value: mapping.commissionClass }),
            new EqualityFilter({ attribute: mapping.hsaId, value: write.commissionHsaId }),
          ],
        }),
        attributes: ['1.1'],
        sizeLimit: 2,
      });
      if (searchEntries.length === 0) {
        throw new WriteFailure(`Uppdraget ${write.commissionHsaId} finns inte i KIV.`);
      }
      if (searchEntries.length > 1) {
        throw new WriteFailure(`Flera uppdrag i KIV har HSA-id ${write.commissionHsaId}.`);
      }
      dn = searchEntries[0].dn;
      dns.set(write.commissionHsaId, dn);
    }
    const change = new Change({
      operation: write.operation === 'ADD' ? 'add' : 'delete',
      modification: new Attribute({ type: mapping.commissionMember, values: [write.personHsaId] }),
    });
    try {
      await client.modify(dn, change);
      return 'WRITTEN';
    } catch (error) {
      if (write.operation === 'ADD' && error instanceof TypeOrValueExistsError) return 'ALREADY';
      if (write.operation === 'REMOVE' && error instanceof NoSuchAttributeError) return 'ALREADY';
      throw error;
    }
  }

  /** Whether the person holds the assignment today in BEH's view (a later grant took over). */
  private async stillHeld(write: ClaimedWrite): Promise<boolean> {
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM held_assignment h
        WHERE h.person_id = $1 AND h.assignment_id = $2 AND ${activeSql('h', '$3')} LIMIT 1`,
      [write.personId, write.assignmentId, this.clock.today()],
    );
    return rows.length > 0;
  }

  private async recordDone(write: ClaimedWrite, outcome: LdapWriteOutcome): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.db.query<{ id: string }[]>(
      `WITH done AS (
         UPDATE ldap_write SET status = 'DONE', outcome = $3, done_at = $4, updated_at = $4, last_error = NULL
          WHERE id = $1 AND status = 'PENDING' AND next_attempt_at = $2
          RETURNING id)
       SELECT id FROM done`,
      [write.id, write.lease, outcome, now],
    );
    return rows.length > 0;
  }

  /** A failed attempt: tried again at `next`, or (null) FAILED, waiting for an administrator. */
  private async recordFailed(write: ClaimedWrite, failure: string, next: Date | null): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.db.query<{ id: string }[]>(
      `WITH failed AS (
         UPDATE ldap_write
            SET status = CASE WHEN $3::timestamptz IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                next_attempt_at = COALESCE($3::timestamptz, next_attempt_at), last_error = $4, updated_at = $5
          WHERE id = $1 AND status = 'PENDING' AND next_attempt_at = $2
          RETURNING id)
       SELECT id FROM failed`,
      [write.id, write.lease, next, failure.slice(0, 2000), now],
    );
    return rows.length > 0;
  }

  /** Undoes the claim of writes not attempted (shutdown, or the lease half gone): due now. */
  private async release(writes: readonly ClaimedWrite[]): Promise<void> {
    for (const write of writes) {
      await this.db.query(
        `UPDATE ldap_write SET attempts = attempts - 1, next_attempt_at = $3, updated_at = $3
          WHERE id = $1 AND status = 'PENDING' AND next_attempt_at = $2`,
        [write.id, write.lease, this.clock.now()],
      );
    }
  }
}

/** An LDAP error as text: its result code and message, or a connection error's. */
function describe(error: unknown): string {
  if (error instanceof ResultCodeError) return `${error.message} (resultatkod ${error.code})`;
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
