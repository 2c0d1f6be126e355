import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { queryPrepared } from '../common/prepared.js';

/** What the storage answers for one key (the shape of @nestjs/throttler's ThrottlerStorageRecord). */
export interface HitRecord {
  totalHits: number;
  /** Whole seconds until the key's window ends. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Whole seconds until the key is let through again; 0 when it is not blocked. */
  timeToBlockExpire: number;
}

/** One counted hit: the key, and the window it is counted in. */
export interface Hit {
  key: string;
  /** The window's length, in milliseconds. */
  ttl: number;
  /** Hits allowed in the window. */
  limit: number;
  /** How long a key over its limit stays refused (ms from the refused hit); 0: until the window ends. */
  blockDuration: number;
}

/** Ended windows are deleted this often, in every process (a scan of a small table). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Every hit of every key in one statement: a key without a row, or whose window has ended, starts
 * a window with one hit; otherwise its count goes up by one. The hit that goes one over the limit
 * keeps the window open for at least blockDuration more; the hits after it while it is refused are
 * counted but move nothing. Rows are locked in key order, so requests counting the same keys
 * cannot deadlock. `now()` is the database's, one clock for every instance.
 */
const INCREMENT = `
  INSERT INTO rate_limit AS r (key, hits, window_ends_at, max_hits, block_ms)
  SELECT h.key, 1, now() + h.ttl_ms * interval '1 millisecond', h.max_hits, h.block_ms
    FROM unnest($1::text[], $2::int[], $3::int[], $4::int[]) AS h(key, ttl_ms, max_hits, block_ms)
   ORDER BY h.key
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE r.hits + 1 END,
    window_ends_at = CASE
      WHEN r.window_ends_at <= now() THEN excluded.window_ends_at
      WHEN r.hits = excluded.max_hits
        THEN greatest(r.window_ends_at, now() + excluded.block_ms * interval '1 millisecond')
      ELSE r.window_ends_at END,
    max_hits = excluded.max_hits,
    block_ms = excluded.block_ms
  RETURNING key, hits,
    greatest(ceil(extract(epoch FROM window_ends_at - now())), 1)::int AS seconds_left`;

const SWEEP = `DELETE FROM rate_limit WHERE window_ends_at < now()`;

/**
 * @nestjs/throttler's storage, kept in PostgreSQL so that every instance of the portal counts
 * against the same numbers (table rate_limit, migrations/1765100000000-RateLimits.ts): fixed
 * windows per key, one atomic upsert per request however many windows it is counted in.
 */
@Injectable()
export class PgThrottlerStorage implements ThrottlerStorage, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('RateLimits');
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepQuietly(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** ThrottlerStorage: one hit of one key. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    _throttlerName: string,
  ): Promise<HitRecord> {
    const [record] = await this.incrementAll([{ key, ttl, limit, blockDuration }]);
    return record;
  }

  /** One hit of each key (distinct keys), in one statement; the answers in the order given. */
  async incrementAll(hits: readonly Hit[]): Promise<HitRecord[]> {
    const rows = await queryPrepared<{ key: string; hits: number; seconds_left: number }[]>(
      this.db,
      INCREMENT,
      [
        hits.map((h) => h.key),
        hits.map((h) => Math.ceil(h.ttl)),
        hits.map((h) => h.limit),
        hits.map((h) => Math.max(0, Math.ceil(h.blockDuration))),
      ],
    );
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return hits.map((hit) => {
      const row = byKey.get(hit.key);
      if (!row) throw new Error(`rate_limit answered no row for ${hit.key}`);
      const isBlocked = row.hits > hit.limit;
      return {
        totalHits: row.hits,
        timeToExpire: row.seconds_left,
        isBlocked,
        timeToBlockExpire: isBlocked ? row.seconds_left : 0,
      };
    });
  }

  /** Deletes the rows whose window has ended (they count as absent anyway); how many. */
  async sweep(): Promise<number> {
    const [, deleted] = await this.db.query<[unknown, number]>(SWEEP);
    return deleted;
  }

  private async sweepQuietly(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.logger.warn(`Sweeping ended rate-limit windows failed: ${(error as Error).message}`);
    }
  }
}
