import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource } from 'typeorm';
import { eventHash, GENESIS_HASH, type JsonValue } from './audit-chain.js';

/*
 * Recomputing the chain fast enough for a region (millions of events): the rows come as plain
 * texts (no row objects, no Date parsing by the driver), the next batch is fetched while this one
 * is hashed, and each event's canonical form is made by the engine's own JSON.stringify once the
 * snapshots' keys are in order, with audit-chain.ts's eventHash as the reference it must equal.
 * A range of ids can be checked on its own (its first link is joined to the range before it
 * afterwards), so a full verification can be split over several connections and threads.
 */

export type LinkBreakReason = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH';
export type ChainBreakReason = LinkBreakReason | 'HEAD_MISMATCH';

export const BREAK_DETAIL: Record<ChainBreakReason, string> = {
  PREV_HASH_MISMATCH:
    'Länken till föregående händelse stämmer inte: en händelse före denna saknas, har lagts till eller har ändrats.',
  HASH_MISMATCH: 'Händelsens innehåll stämmer inte med dess hash: händelsen har ändrats.',
  HEAD_MISMATCH: 'Kedjans sista länk stämmer inte med den senaste händelsen: händelser i slutet saknas.',
};

/** One stored event as verification reads it: texts in CHAIN_ROW_SQL's column order. */
export type ChainRow = [
  id: string,
  atMillis: string,
  actorId: string | null,
  action: string,
  entityType: string,
  entityId: string,
  before: string | null,
  after: string | null,
  prevHash: string,
  hash: string,
];

/**
 * The columns of a ChainRow. The time as whole milliseconds since the epoch, cut as the driver's
 * Date would cut it: a hash covers the time as JavaScript's toISOString wrote it.
 */
const CHAIN_COLUMNS = `e.id::text, trunc(extract(epoch FROM e.at) * 1000)::text, e.actor_id::text, e.action,
  e.entity_type, e.entity_id, e.before::text, e.after::text, e.prev_hash, e.hash`;

/** Every column as the server sent it: no parsing of dates, numbers or JSON by the driver. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

/** The events with afterId < id <= toId, in chain order, at most `limit`. */
export async function readChainRows(
  client: pg.ClientBase,
  afterId: string,
  toId: string | null,
  limit: number,
): Promise<ChainRow[]> {
  const result = await client.query<ChainRow>({
    text: `SELECT ${CHAIN_COLUMNS} FROM audit_event e
            WHERE e.id > $1::bigint AND ($2::bigint IS NULL OR e.id <= $2::bigint)
            ORDER BY e.id LIMIT $3::int`,
    values: [afterId, toId, limit],
    rowMode: 'array',
    types: AS_TEXT,
  });
  return result.rows;
}

/** One event by id as a ChainRow, or undefined. */
export async function readChainRow(client: pg.ClientBase, id: string): Promise<ChainRow | undefined> {
  const result = await client.query<ChainRow>({
    text: `SELECT ${CHAIN_COLUMNS} FROM audit_event e WHERE e.id = $1::bigint`,
    values: [id],
    rowMode: 'array',
    types: AS_TEXT,
  });
  return result.rows[0];
}

/** A text that is not the JSON jsonb writes: the scanner gives up and the parsing path takes over. */
class NotScanned extends Error {}

/**
 * canonicalJson(JSON.parse(text)) without building the value: jsonb's text is scanned once, each
 * object's members put in key order, numbers written as JavaScript writes them, and strings kept as
 * written unless they hold an escape (then written again by JSON.stringify). Throws NotScanned on
 * anything unexpected (a repeated key, a malformed text).
 */
export function canonicalJsonb(text: string): string {
  let i = 0;
  /** The decoded text of the string string() read last (an object's key). */
  let decoded = '';
  /** The next backslash at or after where a string is looked at (texts seldom have any). */
  let backslash = text.indexOf('\\');
  const space = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  };
  const string = (): string => {
    if (text.charCodeAt(i) !== 34) throw new NotScanned();
    let from = i + 1;
    let escaped = false;
    for (;;) {
      const quote = text.indexOf('"', from);
      if (quote < 0) throw new NotScanned();
      if (backslash >= 0 && backslash < from) backslash = text.indexOf('\\', from);
      if (backslash >= 0 && backslash < quote) {
        escaped = true;
        from = backslash + 2;
        continue;
      }
      const raw = text.slice(i, quote + 1);
      i = quote + 1;
      if (!escaped) {
        decoded = raw.slice(1, -1);
        return raw;
      }
      decoded = JSON.parse(raw) as string;
      return JSON.stringify(decoded);
    }
  };
  const literal = (word: string): string => {
    if (!text.startsWith(word, i)) throw new NotScanned();
    i += word.length;
    return word;
  };
  const value = (): string => {
    space();
    const c = text.charCodeAt(i);
    if (c === 34) return string();
    if (c === 123) {
      i++;
      space();
      if (text.charCodeAt(i) === 125) {
        i++;
        return '{}';
      }
      const keys: string[] = [];
      const members: string[] = [];
      for (;;) {
        space();
        const raw = string();
        const key = decoded;
        space();
        if (text.charCodeAt(i++) !== 58) throw new NotScanned();
        keys.push(key);
        members.push(`${raw}:${value()}`);
        space();
        const next = text.charCodeAt(i++);
        if (next === 125) break;
        if (next !== 44) throw new NotScanned();
      }
      if (members.length === 1) return `{${members[0]}}`;
      const order = keys
        .map((_, n) => n)
        .sort((x, y) => (keys[x] < keys[y] ? -1 : keys[x] > keys[y] ? 1 : 0));
      let out = '{';
      for (let m = 0; m < order.length; m++) {
        if (m > 0) {
          if (keys[order[m]] === keys[order[m - 1]]) throw new NotScanned();
          out += ',';
        }
        out += members[order[m]];
      }
      return `${out}}`;
    }
    if (c === 91) {
      i++;
      space();
      if (text.charCodeAt(i) === 93) {
        i++;
        return '[]';
      }
      let out = '[';
      for (;;) {
        out += value();
        space();
        const next = text.charCodeAt(i++);
        if (next === 93) break;
        if (next !== 44) throw new NotScanned();
        out += ',';
      }
      return `${out}]`;
    }
    if (c === 116) return literal('true');
    if (c === 102) return literal('false');
    if (c === 110) return literal('null');
    // A number: -, digits, '.', e/E, +.
    const start = i;
    for (
      let d = text.charCodeAt(i);
      (d >= 48 && d <= 57) || d === 45 || d === 46 || d === 43 || d === 101 || d === 69;
      d = text.charCodeAt(++i)
    );
    const written = text.slice(start, i);
    if (!NUMBER.test(written)) throw new NotScanned();
    return JSON.stringify(Number(written));
  };
  const out = value();
  space();
  if (i !== text.length) throw new NotScanned();
  return out;
}

const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

const parseSnapshot = (text: string | null): JsonValue =>
  text === null ? null : (JSON.parse(text) as JsonValue);

/** eventHash of a stored event through audit-chain.ts itself: the definition. */
export function referenceHash(row: ChainRow): string {
  return eventHash({
    id: row[0],
    at: new Date(Number(row[1])),
    actorId: row[2],
    action: row[3],
    entityType: row[4],
    entityId: row[5],
    before: parseSnapshot(row[6]),
    after: parseSnapshot(row[7]),
    prevHash: row[8],
  });
}

/**
 * eventHash of a stored event, fast: the canonical text written straight from jsonb's text
 * (canonicalJsonb); test/unit/audit-chain-check.spec.ts holds it to eventHash. A snapshot the
 * scanner does not take goes through eventHash itself.
 */
export function rowHash(row: ChainRow): string {
  const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));
  let canonical: string;
  try {
    canonical =
      `[${text(row[0])},${text(new Date(Number(row[1])).toISOString())},${text(row[2])},${text(row[3])},` +
      `${text(row[4])},${text(row[5])},${row[6] === null ? 'null' : canonicalJsonb(row[6])},` +
      `${row[7] === null ? 'null' : canonicalJsonb(row[7])},${text(row[8])}]`;
  } catch (error) {
    if (!(error instanceof NotScanned || error instanceof SyntaxError)) throw error;
    return referenceHash(row);
  }
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The event's stored hash is its hash; a mismatch is confirmed by eventHash itself before it is called one. */
export function hashMatches(row: ChainRow): boolean {
  return rowHash(row) === row[9] || referenceHash(row) === row[9];
}

/** What checking consecutive events found. */
export interface RangeCheck {
  /** Events found whole, in order, before any break. */
  checked: number;
  firstId: string | null;
  /** The prev_hash of the range's first event: the link to join to the range before. */
  firstPrevHash: string | null;
  lastId: string | null;
  lastHash: string | null;
  broken: { id: string; reason: LinkBreakReason } | null;
}

/**
 * Walks events in chain order. `expectedPrev` is the hash the first event must link to; undefined
 * when that link is joined later (a range of a split verification).
 */
export class ChainWalker implements RangeCheck {
  checked = 0;
  firstId: string | null = null;
  firstPrevHash: string | null = null;
  lastId: string | null = null;
  lastHash: string | null = null;
  broken: RangeCheck['broken'] = null;

  constructor(private expectedPrev: string | undefined) {}

  /** Checks one event; false once the chain is broken. */
  add(row: ChainRow): boolean {
    if (this.broken) return false;
    if (this.firstId === null) {
      this.firstId = row[0];
      this.firstPrevHash = row[8];
    }
    if (this.expectedPrev !== undefined && row[8] !== this.expectedPrev) {
      this.broken = { id: row[0], reason: 'PREV_HASH_MISMATCH' };
      return false;
    }
    if (!hashMatches(row)) {
      this.broken = { id: row[0], reason: 'HASH_MISMATCH' };
      return false;
    }
    this.expectedPrev = row[9];
    this.lastId = row[0];
    this.lastHash = row[9];
    this.checked++;
    return true;
  }

  result(): RangeCheck {
    const { checked, firstId, firstPrevHash, lastId, lastHash, broken } = this;
    return { checked, firstId, firstPrevHash, lastId, lastHash, broken };
  }
}

export interface WalkOptions {
  /** Rows per statement. */
  batch?: number;
  /** Stop (incomplete) after the batch during which this moment (performance.now()) passed. */
  deadline?: number;
  /** Called after every batch with the events checked so far. */
  onProgress?: (checked: number) => void;
  /** Stops the walk (incomplete) at the next batch. */
  signal?: AbortSignal;
}

/**
 * Checks the events with afterId < id <= toId (to the end when toId is null), fetching the next
 * batch while this one is hashed. complete: the range was read to its end (or to a break).
 */
export async function walkRange(
  client: pg.ClientBase,
  walker: ChainWalker,
  afterId: string,
  toId: string | null,
  { batch = 5000, deadline, onProgress, signal }: WalkOptions = {},
): Promise<{ complete: boolean }> {
  let next: Promise<ChainRow[]> | undefined = readChainRows(client, afterId, toId, batch);
  while (next) {
    const rows: ChainRow[] = await next;
    const more = rows.length === batch;
    const stop = () => signal?.aborted === true || (deadline !== undefined && performance.now() > deadline);
    next = more && !stop() ? readChainRows(client, rows[rows.length - 1][0], toId, batch) : undefined;
    for (let i = 0; i < rows.length; i++) {
      if (!walker.add(rows[i])) {
        // Let a batch already asked for arrive before the connection is handed on.
        await next?.catch(() => undefined);
        return { complete: true };
      }
      // Let the next batch's rows come in while this one is hashed.
      if (next && i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
    onProgress?.(walker.checked);
    if (more && !next) return { complete: false };
  }
  return { complete: true };
}

/** One range of a split verification: the events with afterId < id <= toId. */
export interface ChainRange {
  afterId: string;
  toId: string;
}

/** Splits the ids after `afterId` up to `toId` into `parts` ranges of about as many ids. */
export function splitRange(afterId: bigint, toId: bigint, parts: number): ChainRange[] {
  const span = toId - afterId;
  const n = BigInt(Math.max(1, Math.min(parts, Number(span > 0n ? span : 1n))));
  const ranges: ChainRange[] = [];
  let from = afterId;
  for (let i = 1n; i <= n; i++) {
    const to = i === n ? toId : afterId + (span * i) / n;
    ranges.push({ afterId: from.toString(), toId: to.toString() });
    from = to;
  }
  return ranges;
}

/** The chain recomputed: whole up to `lastId`, or broken where and how. */
export interface JoinedCheck {
  count: number;
  lastId: string | null;
  lastHash: string | null;
  broken: { id: string; reason: LinkBreakReason } | null;
}

/**
 * Joins the checks of consecutive ranges (in order) into the check of the whole: each range's
 * first event must link to the last event before it, and the first break in chain order wins.
 * `startHash` is the hash the very first event must link to (genesis, or a checkpoint's).
 */
export function joinRanges(ranges: readonly RangeCheck[], startHash: string = GENESIS_HASH): JoinedCheck {
  let count = 0;
  let lastId: string | null = null;
  let lastHash: string | null = null;
  let expected = startHash;
  for (const range of ranges) {
    if (range.firstId !== null && range.firstPrevHash !== expected) {
      return { count, lastId, lastHash, broken: { id: range.firstId, reason: 'PREV_HASH_MISMATCH' } };
    }
    count += range.checked;
    if (range.broken) {
      return {
        count,
        lastId: range.lastId ?? lastId,
        lastHash: range.lastHash ?? lastHash,
        broken: range.broken,
      };
    }
    if (range.lastId !== null && range.lastHash !== null) {
      lastId = range.lastId;
      lastHash = range.lastHash;
      expected = range.lastHash;
    }
  }
  return { count, lastId, lastHash, broken: null };
}

/** A pg connection of the data source's pool, for reading rows as texts (readChainRows). */
export async function withPgClient<T>(
  dataSource: DataSource,
  work: (client: pg.ClientBase) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as pg.ClientBase;
    return await work(client);
  } finally {
    await runner.release();
  }
}

/** The whole chain recomputed: AuditService.verify's answer (ChainIntact or ChainBroken). */
export type WholeChainCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; firstBrokenId: string | null; reason: ChainBreakReason; detail: string };

/**
 * The whole chain from genesis to its head on one snapshot (REPEATABLE READ), in this process,
 * naming the first event whose content or link does not match.
 */
export function verifyWholeChain(dataSource: DataSource): Promise<WholeChainCheck> {
  return withPgClient(dataSource, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const walker = new ChainWalker(GENESIS_HASH);
      await walkRange(client, walker, '0', null);
      const failed = (id: string | null, reason: ChainBreakReason): WholeChainCheck => ({
        ok: false,
        count: walker.checked,
        firstBrokenId: id,
        reason,
        detail: BREAK_DETAIL[reason],
      });
      if (walker.broken) return failed(walker.broken.id, walker.broken.reason);
      const [head] = (
        await client.query<{ lastId: string | null; lastHash: string }>(
          `SELECT last_id::text AS "lastId", last_hash AS "lastHash" FROM audit_chain_head WHERE id = 1`,
        )
      ).rows;
      if (!head || head.lastId !== walker.lastId || head.lastHash !== (walker.lastHash ?? GENESIS_HASH)) {
        return failed(head?.lastId ?? walker.lastId, 'HEAD_MISMATCH');
      }
      return { ok: true, count: walker.checked };
    } finally {
      await client.query('ROLLBACK');
    }
  });
}
