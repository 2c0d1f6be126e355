import { describe, expect, it } from '@jest/globals';
import type { Response } from 'express';
import { parseListQuery, setContentRange } from '../../server/src/common/list-query.js';
import { ProblemException } from '../../server/src/common/problem.js';
import { checkOffset, configureLists, listLimits } from '../../server/src/common/sql.js';

/** The Swedish detail of the problem `run` throws. */
function detailOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemException) return error.toProblem().detail;
    throw error;
  }
  return undefined;
}

const sortable = { name: 'c.name', createdAt: 'c.created_at' };

describe('parseListQuery', () => {
  it('reads range, sort and filter in the ra-data-simple-rest convention', () => {
    const q = parseListQuery(
      { filter: '{"q":"sol"}', range: '[25,49]', sort: '["createdAt","DESC"]' },
      sortable,
      ['name', 'ASC'],
    );
    expect(q).toMatchObject({ filter: { q: 'sol' }, offset: 25, limit: 25, sortSql: 'c.created_at DESC' });
  });

  it('answers every id of a getMany, which sends no range', () => {
    const ids = Array.from(
      { length: 40 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    const q = parseListQuery({ filter: JSON.stringify({ id: ids }) }, sortable, ['name', 'ASC']);
    expect(q.limit).toBe(40);
    expect(q.offset).toBe(0);
  });

  it("takes react-admin's implicit sort by id as the default order", () => {
    expect(parseListQuery({ sort: '["id","ASC"]' }, sortable, ['name', 'ASC']).sortSql).toBe('c.name ASC');
  });

  it('refuses unknown sort fields, bad JSON and bad ranges with Swedish problems', () => {
    expect(detailOf(() => parseListQuery({ sort: '["secret","ASC"]' }, sortable, ['name', 'ASC']))).toBe(
      'Det går inte att sortera på secret.',
    );
    expect(detailOf(() => parseListQuery({ filter: '{nope' }, sortable, ['name', 'ASC']))).toBe(
      'Parametern filter är inte giltig JSON.',
    );
    expect(detailOf(() => parseListQuery({ range: '[5,1]' }, sortable, ['name', 'ASC']))).toBe(
      'Parametern range måste vara [från, till] med heltal.',
    );
  });
});

describe('list headers', () => {
  const headersOf = (...args: [number, number, number, ('exact' | 'estimate' | 'at-least')?]) => {
    const headers: Record<string, string> = {};
    const res = {
      setHeader: (name: string, value: string) => (headers[name] = value),
    } as unknown as Response;
    setContentRange(res, 'orders', ...args);
    return headers;
  };

  it('keeps Content-Range numeric and says what the total is in X-Total-Kind, readable by the browser', () => {
    expect(headersOf(0, 25, 1_000_000, 'estimate')).toEqual({
      'Content-Range': 'orders 0-24/1000000',
      'X-Total-Kind': 'estimate',
      'Access-Control-Expose-Headers': 'Content-Range, X-Total-Kind, X-Request-Id',
    });
    expect(headersOf(50, 0, 40)).toMatchObject({
      'Content-Range': 'orders 50-50/40',
      'X-Total-Kind': 'exact',
    });
    expect(headersOf(0, 25, 10_001, 'at-least')['X-Total-Kind']).toBe('at-least');
  });
});

describe('paging limit', () => {
  it('lets a page start at the limit and refuses one past it, saying what to do instead', () => {
    const before = { ...listLimits() };
    configureLists({ maxOffset: 10_000 });
    try {
      expect(detailOf(() => checkOffset(10_000))).toBeUndefined();
      expect(detailOf(() => checkOffset(10_001))).toBe(
        'Det går att bläddra bland de första 10 000 raderna. Begränsa urvalet med sökning eller filter, ' +
          'eller vänd sorteringen, för att nå längre.',
      );
    } finally {
      configureLists(before);
    }
  });
});
