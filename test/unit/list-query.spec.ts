import { describe, expect, it } from '@jest/globals';
import { parseListQuery } from '../../server/src/common/list-query.js';
import { ProblemException } from '../../server/src/common/problem.js';

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
