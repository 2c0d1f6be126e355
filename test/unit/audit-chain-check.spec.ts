import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  canonicalJson,
  eventHash,
  GENESIS_HASH,
  type JsonValue,
  toJson,
} from '../../server/src/audit/audit-chain.js';
import {
  canonicalJsonb,
  type ChainRow,
  ChainWalker,
  joinRanges,
  rowHash,
  splitRange,
} from '../../server/src/audit/chain-check.js';

/**
 * The verifier's fast hash must be audit-chain.ts's eventHash exactly, for any JSON an event can
 * hold (old events verify forever); and a chain checked in ranges must name the same first break
 * as a chain checked in one walk.
 */

/** A stored event as readChainRows gives it: texts, the time in milliseconds, snapshots as jsonb text. */
function stored(
  id: number,
  prevHash: string,
  before: unknown,
  after: unknown,
  at = new Date(1_700_000_000_123 + id),
) {
  const fields = {
    id: String(id),
    at,
    actorId: id % 3 ? randomUUID() : null,
    action: 'ORDER_APPROVED',
    entityType: 'order',
    entityId: randomUUID(),
    before: toJson(before),
    after: toJson(after),
    prevHash,
  };
  const hash = eventHash(fields);
  const json = (value: JsonValue) => (value === null ? null : JSON.stringify(value));
  const row: ChainRow = [
    fields.id,
    String(at.getTime()),
    fields.actorId,
    fields.action,
    fields.entityType,
    fields.entityId,
    json(fields.before),
    json(fields.after),
    prevHash,
    hash,
  ];
  return row;
}

/** As jsonb writes a value: keys shortest first, ", " and ": " between, numbers as PostgreSQL's numeric. */
function jsonbText(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    // numeric keeps no exponent: 1e21 and 1e-7 come back written out.
    if (typeof value === 'number' && /e/.test(String(value))) {
      return value >= 1 ? BigInt(value).toString() : value.toFixed(20).replace(/0+$/, '');
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(jsonbText).join(', ')}]`;
  const keys = Object.keys(value).sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonbText(value[k] ?? null)}`).join(', ')}}`;
}

const SNAPSHOTS: unknown[] = [
  null,
  { status: 'APPROVED', items: [{ id: 'a', status: 'DONE' }], urgent: false, comment: null },
  { z: 1, a: { y: [3, 'tre', { c: 1, b: 2 }], x: null }, å: 'Ö', 'ä b': '\u0001\n"\\' },
  // Keys that look like array indexes are listed first by JavaScript whatever their order.
  { 10: 'tio', 2: 'två', b: 'bee', a: 'a' },
  { nested: { 0: 'noll', k: 'v' } },
  JSON.parse('{"b": 1, "__proto__": "own key"}') as unknown,
  JSON.parse('{"__proto__": {"x": 1}, "a": 1}') as unknown,
  { n: [1.5, -0, 1e21, 1e-7, 2 ** 70, 0.1 + 0.2], t: true, f: false },
  { emoji: '😀', surrogate: '\ud83d', key: { '😀': 1, '\uffff': 2, a: 3 } },
  [1, [2, [3, { b: 1, a: 2 }]]],
  'just a string',
  42,
];

describe('the verifier', () => {
  it('hashes every stored event exactly as eventHash does', () => {
    let prev = GENESIS_HASH;
    for (const [i, before] of SNAPSHOTS.entries()) {
      for (const after of SNAPSHOTS) {
        const row = stored(i + 1, prev, before, after);
        // As it comes out of jsonb: the keys in another order than they were hashed in.
        row[6] = row[6] === null ? null : jsonbText(JSON.parse(row[6]) as JsonValue);
        row[7] = row[7] === null ? null : jsonbText(JSON.parse(row[7]) as JsonValue);
        expect(rowHash(row)).toBe(row[9]);
        prev = row[9];
      }
    }
  });

  it('writes the canonical text straight from jsonb text, without falling back', () => {
    for (const snapshot of SNAPSHOTS) {
      const value = toJson(snapshot);
      if (value === null) continue;
      expect(canonicalJsonb(jsonbText(value))).toBe(canonicalJson(value));
      expect(canonicalJsonb(JSON.stringify(value, null, 2))).toBe(canonicalJson(value));
    }
    for (const text of ['1.50', '-0', '1E+2', '0.0000001', '"a\\u00e9\\"b"', '{"b": {}, "a": []}', '[ ]']) {
      expect(canonicalJsonb(text)).toBe(canonicalJson(JSON.parse(text) as JsonValue));
    }
    for (const bad of ['{"a": 1, "a": 2}', '{"a" 1}', '[1 2]', '01x', 'nul', '"open']) {
      expect(() => canonicalJsonb(bad)).toThrow();
    }
  });

  it('notices a changed snapshot, time, actor or link', () => {
    const row = stored(1, GENESIS_HASH, { a: 1 }, { a: 2 });
    const changed = (n: number, value: string | null): ChainRow => {
      const copy = [...row] as ChainRow;
      copy[n] = value;
      return copy;
    };
    expect(rowHash(changed(7, '{"a": 3}'))).not.toBe(row[9]);
    expect(rowHash(changed(1, String(Number(row[1]) + 1)))).not.toBe(row[9]);
    expect(rowHash(changed(2, null))).not.toBe(row[9]);
    expect(rowHash(changed(8, '1'.repeat(64)))).not.toBe(row[9]);
    expect(rowHash(row)).toBe(row[9]);
  });

  describe('in ranges', () => {
    const chain: ChainRow[] = [];
    let prev = GENESIS_HASH;
    for (let id = 1; id <= 40; id++) {
      // Gaps in the ids, as rolled back appends leave them.
      if (id % 7 === 0) continue;
      const row = stored(id, prev, { n: id }, { n: id + 1 });
      chain.push(row);
      prev = row[9];
    }

    const inRanges = (rows: ChainRow[], parts: number) =>
      joinRanges(
        splitRange(0n, 40n, parts).map((range) => {
          const walker = new ChainWalker(undefined);
          for (const row of rows) {
            if (BigInt(row[0]) > BigInt(range.afterId) && BigInt(row[0]) <= BigInt(range.toId)) {
              if (!walker.add(row)) break;
            }
          }
          return walker.result();
        }),
      );
    const inOneWalk = (rows: ChainRow[]) => {
      const walker = new ChainWalker(GENESIS_HASH);
      for (const row of rows) if (!walker.add(row)) break;
      return { count: walker.checked, broken: walker.broken };
    };

    it('splits the ids into ranges that cover them once', () => {
      expect(splitRange(0n, 10n, 3)).toEqual([
        { afterId: '0', toId: '3' },
        { afterId: '3', toId: '6' },
        { afterId: '6', toId: '10' },
      ]);
      expect(splitRange(5n, 6n, 4)).toEqual([{ afterId: '5', toId: '6' }]);
    });

    it('finds a whole chain whole and names the same first break as one walk', () => {
      for (const parts of [1, 2, 3, 5, 8]) {
        expect(inRanges(chain, parts)).toEqual({
          count: chain.length,
          lastId: chain[chain.length - 1][0],
          lastHash: chain[chain.length - 1][9],
          broken: null,
        });
      }
      const changed = chain.map((row) => [...row] as ChainRow);
      changed[20][7] = '{"n": 999}';
      changed[30][7] = '{"n": 998}';
      const removed = chain.filter((_, i) => i !== 11 && i !== 25);
      for (const rows of [changed, removed]) {
        const one = inOneWalk(rows);
        expect(one.broken).not.toBeNull();
        for (const parts of [2, 3, 4, 6]) {
          const joined = inRanges(rows, parts);
          expect({ count: joined.count, broken: joined.broken }).toEqual(one);
        }
      }
      expect(inOneWalk(removed).broken).toEqual({ id: chain[12][0], reason: 'PREV_HASH_MISMATCH' });
      expect(inOneWalk(changed).broken).toEqual({ id: chain[20][0], reason: 'HASH_MISMATCH' });
    });
  });
});
