import { HttpStatus, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { notFound, ProblemException } from '../common/problem.js';
import { GENESIS_HASH } from './audit-chain.js';
import { AuditAnchorService } from './audit-anchor.service.js';
import type {
  ChainCheck,
  ChainCheckpointView,
  ChainCoverage,
  VerifyRunStatus,
  VerifyRunView,
} from './audit-verify.types.js';
import {
  BREAK_DETAIL,
  type ChainBreakReason,
  type ChainRange,
  ChainWalker,
  joinRanges,
  type RangeCheck,
  readChainRow,
  readChainRows,
  hashMatches,
  splitRange,
  walkRange,
  withPgClient,
} from './chain-check.js';
import type { RangeWorkerData, RangeWorkerMessage } from './chain-range.worker.js';

/**
 * How long one `GET …/verify` may recompute before it answers with what it reached; it stops after
 * the batch in hand (REQUEST_BATCH rows), so the answer comes well within 2 s even on a busy machine.
 */
const REQUEST_BUDGET_MS = 1200;
const REQUEST_BATCH = 2000;
/** Rows per statement. */
const BATCH = 5000;
/** A running run writes its progress and sign of life this often… */
const HEARTBEAT_MS = 2000;
/** …and is taken for dead when it has not for this long. */
const STALE_AFTER_SECONDS = 30;

/** The worker of a range, beside this file once compiled (absent when run from TypeScript sources). */
const WORKER_URL = new URL('./chain-range.worker.js', import.meta.url);

interface CheckpointRow {
  eventId: string;
  eventHash: string;
  count: string;
  verifiedAt: Date;
}

interface RunRow {
  id: string;
  status: VerifyRunStatus;
  startedBy: string | null;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  toId: string | null;
  total: string | null;
  checked: string;
  count: string | null;
  firstBrokenId: string | null;
  reason: ChainBreakReason | null;
  detail: string | null;
}

const RUN_COLUMNS = `r.id::text AS id, r.status, r.started_by AS "startedBy", r.started_at AS "startedAt",
  r.heartbeat_at AS "heartbeatAt", r.finished_at AS "finishedAt", r.to_id::text AS "toId", r.total::text AS total,
  r.checked::text AS checked, r.count::text AS count, r.first_broken_id::text AS "firstBrokenId", r.reason, r.detail`;

const toRunView = (row: RunRow): VerifyRunView => ({
  ...row,
  total: row.total === null ? null : Number(row.total),
  checked: Number(row.checked),
  count: row.count === null ? null : Number(row.count),
});

/** Options of a full check (exported for the benchmark and the tests of its parts). */
export interface FullCheckOptions {
  /** Ranges checked side by side; 1: one walk. */
  parts: number;
  /** Run each range on a worker thread of its own when the compiled worker exists. */
  workers: boolean;
  onProgress?: (checked: number) => void;
  signal?: AbortSignal;
}

/** The full check's outcome up to `toId` (the head it was asked to reach). */
export interface FullCheck {
  count: number;
  firstBrokenId: string | null;
  reason: ChainBreakReason | null;
  /** false: stopped (signal) before the end. */
  complete: boolean;
}

/**
 * Verification of the audit chain at region scale (docs/architecture.md, "audit"):
 * - `check()`: from the newest checkpoint to the head, within a time limit, in the request;
 * - full runs: from genesis, in the background, in ranges over worker threads, one at a time
 *   across processes, with their progress in `audit_verify_run`.
 */
@Injectable()
export class AuditVerifyService implements OnModuleDestroy {
  private readonly logger = new Logger(AuditVerifyService.name);
  /** Runs of this process, so that shutting down stops them and marks them. */
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void> }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly anchors: AuditAnchorService,
  ) {}

  async onModuleDestroy(): Promise<void> {
    for (const run of this.running.values()) run.abort.abort();
    await Promise.all([...this.running.values()].map((run) => run.done));
  }

  private withClient<T>(work: (client: pg.ClientBase) => Promise<T>): Promise<T> {
    return withPgClient(this.dataSource, work);
  }

  // ---- incremental -------------------------------------------------------------------------

  /**
   * The chain since the newest checkpoint: that checkpoint's event must still be there with its
   * hash, and every event after it is recomputed and linked, up to the head, within
   * REQUEST_BUDGET_MS. Whole: a new checkpoint at the last event recomputed. While the latest
   * full run found the chain broken, that break is the answer until a full run finds it whole.
   */
  async check(): Promise<ChainCheck> {
    const deadline = performance.now() + REQUEST_BUDGET_MS;
    const outcome = await this.withClient(async (client) => {
      // One snapshot: the events read and the head they must end at are of the same moment.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        return await this.checkInSnapshot(client, deadline);
      } finally {
        await client.query('ROLLBACK');
      }
    });
    const { answer, newCheckpoint } = outcome;
    if (answer.ok) {
      // The latest anchors published outside must still be in the chain: a tail cut off together
      // with its head and checkpoints leaves a whole chain behind, but not one that holds them.
      const anchor = await this.anchors.brokenStoredAnchor();
      if (anchor && !anchor.ok && anchor.reason) {
        return {
          ok: false,
          count: answer.count,
          firstBrokenId: anchor.eventId,
          reason: anchor.reason,
          detail: anchor.detail,
          covered: answer.covered,
        };
      }
    }
    if (newCheckpoint) {
      await this.dataSource.query(
        `INSERT INTO audit_checkpoint (event_id, event_hash, event_count) VALUES ($1, $2, $3)`,
        [newCheckpoint.id, newCheckpoint.hash, newCheckpoint.count],
      );
    }
    return answer;
  }

  private async checkInSnapshot(
    client: pg.ClientBase,
    deadline: number,
  ): Promise<{ answer: ChainCheck; newCheckpoint?: { id: string; hash: string; count: number } }> {
    const [head] = (
      await client.query<{ lastId: string | null; lastHash: string }>(
        `SELECT last_id::text AS "lastId", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1`,
      )
    ).rows;
    const headId = head?.lastId ?? null;
    const [knownBreak] = (
      await client.query<RunRow>(
        `SELECT ${RUN_COLUMNS} FROM audit_verify_run r WHERE r.status IN ('INTACT', 'BROKEN')
          ORDER BY r.id DESC LIMIT 1`,
      )
    ).rows;
    const [checkpointRow] = (
      await client.query<CheckpointRow>(
        `SELECT event_id::text AS "eventId", event_hash AS "eventHash", event_count::text AS count,
                verified_at AS "verifiedAt"
           FROM audit_checkpoint ORDER BY event_id DESC, id DESC LIMIT 1`,
      )
    ).rows;
    const checkpoint: ChainCheckpointView | null = checkpointRow
      ? {
          eventId: checkpointRow.eventId,
          count: Number(checkpointRow.count),
          verifiedAt: checkpointRow.verifiedAt,
        }
      : null;
    const covered = (walked: Partial<ChainCoverage> = {}): ChainCoverage => ({
      incremental: checkpoint !== null,
      checkpoint,
      fromId: null,
      toId: null,
      checked: 0,
      headId,
      complete: true,
      brokenByRunId: null,
      ...walked,
    });
    const broken = (
      count: number,
      firstBrokenId: string | null,
      reason: ChainBreakReason,
      walked: Partial<ChainCoverage> = {},
      detail = BREAK_DETAIL[reason],
    ): { answer: ChainCheck } => ({
      answer: { ok: false, count, firstBrokenId, reason, detail, covered: covered(walked) },
    });

    if (knownBreak?.status === 'BROKEN' && knownBreak.reason) {
      return broken(
        Number(knownBreak.count ?? 0),
        knownBreak.firstBrokenId,
        knownBreak.reason,
        { brokenByRunId: knownBreak.id },
        `${knownBreak.detail ?? BREAK_DETAIL[knownBreak.reason]} Funnet av den fullständiga verifieringen nr ${knownBreak.id}; kedjan räknas som bruten tills en ny fullständig verifiering finner den hel.`,
      );
    }

    let base = 0;
    let startHash = GENESIS_HASH;
    let afterId = '0';
    if (checkpointRow) {
      base = Number(checkpointRow.count);
      const anchor = await readChainRow(client, checkpointRow.eventId);
      if (!anchor) {
        // The checkpoint's event is gone: the end was cut off there, or the event after it lost its link.
        const [next] = await readChainRows(client, checkpointRow.eventId, null, 1);
        return next
          ? broken(base - 1, next[0], 'PREV_HASH_MISMATCH')
          : broken(base - 1, headId ?? checkpointRow.eventId, 'HEAD_MISMATCH');
      }
      if (anchor[9] !== checkpointRow.eventHash || !hashMatches(anchor)) {
        return broken(base - 1, anchor[0], 'HASH_MISMATCH');
      }
      startHash = checkpointRow.eventHash;
      afterId = checkpointRow.eventId;
    }

    const walker = new ChainWalker(startHash);
    const { complete } = await walkRange(client, walker, afterId, null, { batch: REQUEST_BATCH, deadline });
    const walked: Partial<ChainCoverage> = {
      fromId: walker.firstId,
      toId: walker.lastId,
      checked: walker.checked,
      complete,
    };
    const count = base + walker.checked;
    if (walker.broken) return broken(count, walker.broken.id, walker.broken.reason, walked);
    const lastId = walker.lastId ?? checkpointRow?.eventId ?? null;
    const lastHash = walker.lastHash ?? startHash;
    if (complete && (lastId !== headId || lastHash !== (head?.lastHash ?? GENESIS_HASH))) {
      // Events past the head were added behind its back: name the first of them; else the head's
      // event is missing from the end.
      const [extra] =
        headId !== null && lastId !== null && BigInt(lastId) > BigInt(headId)
          ? await readChainRows(client, headId, null, 1)
          : [];
      return broken(count, extra?.[0] ?? headId ?? lastId, 'HEAD_MISMATCH', walked);
    }
    const answer: ChainCheck = { ok: true, count, covered: covered(walked) };
    return walker.lastId && walker.lastHash
      ? { answer, newCheckpoint: { id: walker.lastId, hash: walker.lastHash, count } }
      : { answer };
  }

  // ---- full runs ---------------------------------------------------------------------------

  /** Runs still marked running whose process has not been heard from: failed. */
  private async failStaleRuns(): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_verify_run
          SET status = 'FAILED', finished_at = now(),
              detail = 'Verifieringen avbröts: processen som körde den slutade svara (senaste livstecken '
                       || to_char(heartbeat_at AT TIME ZONE 'Europe/Stockholm', 'YYYY-MM-DD HH24:MI:SS') || ').'
        WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(secs => $1)`,
      [STALE_AFTER_SECONDS],
    );
  }

  async latestRun(): Promise<VerifyRunView> {
    await this.failStaleRuns();
    const [row] = await this.dataSource.query<RunRow[]>(
      `SELECT ${RUN_COLUMNS} FROM audit_verify_run r ORDER BY r.id DESC LIMIT 1`,
    );
    if (!row) throw notFound('Ingen fullständig verifiering har körts; verifieringen');
    return toRunView(row);
  }

  async run(id: string): Promise<VerifyRunView> {
    if (!/^\d{1,18}$/.test(id)) throw notFound('Verifieringen');
    await this.failStaleRuns();
    const [row] = await this.dataSource.query<RunRow[]>(
      `SELECT ${RUN_COLUMNS} FROM audit_verify_run r WHERE r.id = $1`,
      [id],
    );
    if (!row) throw notFound('Verifieringen');
    return toRunView(row);
  }

  /**
   * Starts a full verification in the background of this process and answers it as it starts.
   * One at a time across processes (the unique index on running runs): else 409 naming the
   * running one.
   */
  async startRun(startedBy: string | null): Promise<VerifyRunView> {
    await this.failStaleRuns();
    const [row] = await this.dataSource.query<RunRow[]>(
      `INSERT INTO audit_verify_run AS r (status, started_by) VALUES ('RUNNING', $1)
       ON CONFLICT (status) WHERE status = 'RUNNING' DO NOTHING
       RETURNING ${RUN_COLUMNS}`,
      [startedBy],
    );
    if (!row) {
      const [running] = await this.dataSource.query<RunRow[]>(
        `SELECT ${RUN_COLUMNS} FROM audit_verify_run r WHERE r.status = 'RUNNING'`,
      );
      throw new ProblemException(
        HttpStatus.CONFLICT,
        'verify-run-running',
        running
          ? `En fullständig verifiering pågår redan (nr ${running.id}, ${Number(running.checked)} händelser kontrollerade). Vänta tills den är klar.`
          : 'En fullständig verifiering pågår redan. Vänta tills den är klar.',
        running ? { runId: running.id } : {},
      );
    }
    const id = row.id;
    const abort = new AbortController();
    const done = this.execute(id, abort.signal).finally(() => this.running.delete(id));
    this.running.set(id, { abort, done });
    return toRunView(row);
  }

  /** The run itself: head, total, the check in parts with heartbeats, the outcome and a checkpoint. */
  private async execute(id: string, signal: AbortSignal): Promise<void> {
    let checked = 0;
    let beat: NodeJS.Timeout | undefined;
    let beating: Promise<unknown> = Promise.resolve();
    try {
      const [head] = await this.dataSource.query<{ lastId: string | null; lastHash: string }[]>(
        `SELECT last_id::text AS "lastId", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1`,
      );
      const toId = head?.lastId ?? null;
      const toHash = head?.lastHash ?? GENESIS_HASH;
      await this.dataSource.query(`UPDATE audit_verify_run SET to_id = $2, to_hash = $3 WHERE id = $1`, [
        id,
        toId,
        toHash,
      ]);
      // The total for the progress, counted beside the check (an index-only count of millions takes a while).
      const counting = this.dataSource
        .query(
          `UPDATE audit_verify_run
              SET total = (SELECT count(*) FROM audit_event WHERE id <= $2::bigint) WHERE id = $1`,
          [id, toId ?? '0'],
        )
        .catch((error: unknown) => this.logger.warn(`audit verify run ${id}: no total: ${String(error)}`));
      beat = setInterval(() => {
        beating = this.dataSource
          .query(`UPDATE audit_verify_run SET heartbeat_at = now(), checked = $2 WHERE id = $1`, [
            id,
            checked,
          ])
          .catch((error: unknown) => this.logger.warn(`audit verify run ${id}: heartbeat: ${String(error)}`));
      }, HEARTBEAT_MS);
      const result =
        toId === null
          ? { count: 0, firstBrokenId: null, reason: null, complete: true }
          : await this.fullCheck(toId, toHash, {
              parts: Math.min(4, availableParallelism()),
              workers: true,
              signal,
              onProgress: (n) => (checked = n),
            });
      await counting;
      clearInterval(beat);
      await beating;
      if (!result.complete) {
        await this.finishRun(
          id,
          'FAILED',
          result.count,
          null,
          null,
          'Verifieringen avbröts när servern stängdes.',
        );
        return;
      }
      if (result.reason) {
        await this.finishRun(
          id,
          'BROKEN',
          result.count,
          result.firstBrokenId,
          result.reason,
          BREAK_DETAIL[result.reason],
        );
        return;
      }
      await this.dataSource.transaction(async (m) => {
        await m.query(
          `UPDATE audit_verify_run SET status = 'INTACT', finished_at = now(), heartbeat_at = now(),
                  checked = $2, count = $2 WHERE id = $1`,
          [id, result.count],
        );
        if (toId !== null) {
          await m.query(
            `INSERT INTO audit_checkpoint (event_id, event_hash, event_count, run_id) VALUES ($1, $2, $3, $4)`,
            [toId, toHash, result.count, id],
          );
        }
      });
    } catch (error) {
      clearInterval(beat);
      await beating;
      this.logger.error(
        `audit verify run ${id} failed: ${error instanceof Error ? error.stack : String(error)}`,
      );
      await this.finishRun(
        id,
        'FAILED',
        checked,
        null,
        null,
        'Verifieringen kunde inte slutföras: ett fel uppstod.',
      ).catch((failed: unknown) => this.logger.error(`audit verify run ${id}: ${String(failed)}`));
    }
  }

  private async finishRun(
    id: string,
    status: Exclude<VerifyRunStatus, 'RUNNING' | 'INTACT'>,
    count: number,
    firstBrokenId: string | null,
    reason: ChainBreakReason | null,
    detail: string,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE audit_verify_run
          SET status = $2, finished_at = now(), heartbeat_at = now(), checked = $3, count = $3,
              first_broken_id = $4, reason = $5, detail = $6
        WHERE id = $1`,
      [id, status, count, firstBrokenId, reason, detail],
    );
  }

  /**
   * The chain from genesis up to `toId`, which must end with `toHash`: in `parts` ranges of ids,
   * each on a worker thread of its own when `workers` (and the compiled worker exists), else
   * side by side on this thread; the ranges' results joined in order.
   */
  async fullCheck(toId: string, toHash: string, options: FullCheckOptions): Promise<FullCheck> {
    const [bounds] = await this.dataSource.query<{ minId: string | null }[]>(
      `SELECT (min(id) - 1)::text AS "minId" FROM audit_event`,
    );
    const ranges = splitRange(BigInt(bounds?.minId ?? '0'), BigInt(toId), options.parts);
    const progress = ranges.map(() => 0);
    const report = (part: number, n: number) => {
      progress[part] = n;
      options.onProgress?.(progress.reduce((a, b) => a + b, 0));
    };
    const useWorkers = options.workers && ranges.length > 1 && existsSync(fileURLToPath(WORKER_URL));
    // One part failing stops the others.
    const stop = new AbortController();
    const abort = () => stop.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    if (options.signal?.aborted) stop.abort();
    const checks = await Promise.all(
      ranges.map((range, part) =>
        (useWorkers
          ? this.checkOnWorker(range, stop.signal, (n) => report(part, n))
          : this.withClient(async (client) => {
              const walker = new ChainWalker(undefined);
              const { complete } = await walkRange(client, walker, range.afterId, range.toId, {
                batch: BATCH,
                signal: stop.signal,
                onProgress: (n) => report(part, n),
              });
              return { check: walker.result(), complete };
            })
        ).catch((error: unknown) => {
          stop.abort();
          throw error;
        }),
      ),
    ).finally(() => options.signal?.removeEventListener('abort', abort));
    const joined = joinRanges(checks.map((c) => c.check));
    if (joined.broken) {
      return {
        count: joined.count,
        firstBrokenId: joined.broken.id,
        reason: joined.broken.reason,
        complete: true,
      };
    }
    if (checks.some((c) => !c.complete)) {
      return { count: joined.count, firstBrokenId: null, reason: null, complete: false };
    }
    if (joined.lastId !== toId || joined.lastHash !== toHash) {
      return { count: joined.count, firstBrokenId: toId, reason: 'HEAD_MISMATCH', complete: true };
    }
    return { count: joined.count, firstBrokenId: null, reason: null, complete: true };
  }

  private checkOnWorker(
    range: ChainRange,
    signal: AbortSignal | undefined,
    onProgress: (checked: number) => void,
  ): Promise<{ check: RangeCheck; complete: boolean }> {
    const connectionString = (this.dataSource.options as { url?: string }).url;
    if (!connectionString) throw new Error('audit verify: the data source has no url for its workers');
    const workerData: RangeWorkerData = { connectionString, range, batch: BATCH };
    const worker = new Worker(WORKER_URL, { workerData });
    const stop = () => worker.postMessage('abort');
    signal?.addEventListener('abort', stop, { once: true });
    return new Promise<{ check: RangeCheck; complete: boolean }>((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: RangeWorkerMessage) => {
        if ('progress' in message) onProgress(message.progress);
        else if ('done' in message) {
          settled = true;
          resolve({ check: message.done, complete: message.complete });
        } else {
          settled = true;
          reject(new Error(`audit verify worker: ${message.error}`));
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`audit verify worker stopped (exit code ${code})`));
      });
    }).finally(() => signal?.removeEventListener('abort', stop));
  }
}
