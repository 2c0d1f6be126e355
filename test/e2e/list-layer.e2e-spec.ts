import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Client, signIn } from '../support/sign-in.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The list layer (common/sql.ts) with its limits made small, so that a few hundred rows show
 * what a region's million do: an exact total below the count limit, the planner's estimate or
 * "more than" above it (X-Total-Kind beside a numeric Content-Range), the paging limit's refusal,
 * and pages that, put together, are the whole list in the documented order.
 */
const COUNT_LIMIT = 100;
const MAX_OFFSET = 200;
/** Orders made for this file (the demo seed has none). */
const ORDERS = 240;

interface Answer {
  ids: string[];
  range: string;
  kind: string;
}

describe('list layer: counting and paging', () => {
  let t: TestApp;
  let admin: Client;

  const get = async (path: string, filter: object, range: [number, number], sort?: [string, string]) => {
    const query: Record<string, string> = { filter: JSON.stringify(filter), range: JSON.stringify(range) };
    if (sort) query.sort = JSON.stringify(sort);
    return admin.get(path).query(query);
  };
  const list = async (
    path: string,
    filter: object,
    range: [number, number],
    sort?: [string, string],
  ): Promise<Answer> => {
    const res = await get(path, filter, range, sort);
    expect(res.status).toBe(200);
    return {
      ids: (res.body as { id: string }[]).map((row) => row.id),
      range: res.headers['content-range'] as string,
      kind: res.headers['x-total-kind'] as string,
    };
  };
  /** Every page of `size` rows from the start up to `end`, put together. */
  const paged = async (path: string, filter: object, end: number, size: number, sort?: [string, string]) => {
    const ids: string[] = [];
    for (let from = 0; from < end; from += size) {
      ids.push(...(await list(path, filter, [from, Math.min(from + size, end) - 1], sort)).ids);
    }
    return ids;
  };
  const sql = async (query: string, values: unknown[] = []) =>
    (await t.dataSource.query<{ id: string }[]>(query, values)).map((row) => row.id);

  beforeAll(async () => {
    t = await createTestApp({
      LIST_EXACT_COUNT_LIMIT: String(COUNT_LIMIT),
      LIST_MAX_OFFSET: String(MAX_OFFSET),
    });
    admin = await signIn(t, 'admin1');
    // Orders of the seed's persons and units: three of each created_at (one send), so the tie
    // break (the later number first) decides within each.
    await t.dataSource.query(
      `WITH people AS (SELECT id, row_number() OVER (ORDER BY hsa_id) AS n FROM person),
            units AS (SELECT id, row_number() OVER (ORDER BY hsa_id) AS n FROM care_unit),
            counts AS (SELECT (SELECT count(*) FROM people) AS persons, (SELECT count(*) FROM units) AS units)
       INSERT INTO vmu_order (order_number, type, status, end_user_id, orderer_id, attestant_id, care_unit_id,
                              start_date, created_at)
       SELECT 'BEH' || nextval('order_number_seq'), CASE WHEN g % 5 = 0 THEN 'REVOKE' ELSE 'GRANT' END,
              (ARRAY['AWAITING_ATTEST','APPROVED','REJECTED','CANCELLED','COMPLETED'])[1 + g % 5],
              eu.id, op.id, ap.id, cu.id, DATE '2026-01-01' + g / 3,
              TIMESTAMPTZ '2026-01-01 08:00+01' + (g / 3) * INTERVAL '1 hour'
         FROM generate_series(0, $1 - 1) AS g, counts
         JOIN people eu ON true JOIN people op ON true JOIN people ap ON true JOIN units cu ON true
        WHERE eu.n = 1 + (g * 7) % counts.persons AND op.n = 1 + (g * 11) % counts.persons
          AND ap.n = 1 + (g * 13) % counts.persons AND cu.n = 1 + g % counts.units`,
      [ORDERS],
    );
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the total', () => {
    it('is counted exactly below the count limit, also when the page is full', async () => {
      const hits = await sql(`SELECT id FROM vmu_order WHERE status = 'APPROVED'`);
      expect(hits.length).toBeLessThan(COUNT_LIMIT);
      const page = await list('/api/orders', { scope: 'all', status: 'APPROVED' }, [0, 9]);
      expect(page.ids).toHaveLength(10);
      expect(page.range).toBe(`orders 0-9/${hits.length}`);
      expect(page.kind).toBe('exact');
    });

    it('is exact on the last page whatever the number of rows: the page ends the list', async () => {
      const page = await list('/api/orders', { scope: 'all' }, [ORDERS - 50, ORDERS + 9]);
      expect(page.ids).toHaveLength(50);
      expect(page.range).toBe(`orders ${ORDERS - 50}-${ORDERS - 1}/${ORDERS}`);
      expect(page.kind).toBe('exact');
    });

    it("is the planner's estimate above the limit, rounded to two figures", async () => {
      await t.dataSource.query('ANALYZE vmu_order');
      const page = await list('/api/orders', { scope: 'all' }, [0, 24]);
      expect(page.kind).toBe('estimate');
      expect(page.range).toBe('orders 0-24/240');
      const persons = await list('/api/persons', {}, [0, 24]);
      await t.dataSource.query('ANALYZE person');
      const analyzed = await list('/api/persons', {}, [0, 24]);
      expect(analyzed).toEqual({ ids: persons.ids, range: 'persons 0-24/330', kind: 'estimate' });
    });

    it('is "more than the limit" when the estimate is not above it, never a made-up number', async () => {
      // The planner is told the table is small (as after a big load before ANALYZE).
      await t.dataSource.query(`UPDATE pg_class SET reltuples = 10 WHERE oid = 'vmu_order'::regclass`);
      try {
        const page = await list('/api/orders', { scope: 'all' }, [0, 24]);
        expect(page.range).toBe(`orders 0-24/${COUNT_LIMIT + 1}`);
        expect(page.kind).toBe('at-least');
      } finally {
        await t.dataSource.query('ANALYZE vmu_order');
      }
    });

    it('says what it is in a header the browser may read', async () => {
      const res = await get('/api/persons', {}, [0, 9]);
      expect(res.status).toBe(200);
      expect(res.headers['access-control-expose-headers']).toContain('X-Total-Kind');
      const small = await get('/api/persons', { q: 'nilbo' }, [0, 9]);
      expect(small.status).toBe(200);
      expect(small.headers['x-total-kind']).toBe('exact');
      expect(small.headers['content-range']).toBe(`persons 0-${small.body.length - 1}/${small.body.length}`);
    });
  });

  describe('deep pages', () => {
    it('pages up to the paging limit', async () => {
      const page = await list('/api/persons', {}, [MAX_OFFSET, MAX_OFFSET + 24]);
      expect(page.ids).toHaveLength(25);
      expect(page.range.startsWith(`persons ${MAX_OFFSET}-${MAX_OFFSET + 24}/`)).toBe(true);
    });

    it('refuses a page past it with a Swedish problem saying what to do instead', async () => {
      for (const path of [
        '/api/persons',
        '/api/orders',
        '/api/care-units',
        '/api/delegations',
        '/api/outbox',
      ]) {
        const res = await get(path, path === '/api/orders' ? { scope: 'all' } : {}, [
          MAX_OFFSET + 1,
          MAX_OFFSET + 25,
        ]);
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          type: expect.stringContaining('bad-list-query'),
          detail:
            'Det går att bläddra bland de första 200 raderna. Begränsa urvalet med sökning eller filter, ' +
            'eller vänd sorteringen, för att nå längre.',
        });
      }
    });
  });

  describe('page contents and order', () => {
    it('orders: pages put together are the whole list, newest first and the later number first', async () => {
      const expected = await sql(
        `SELECT id FROM vmu_order ORDER BY created_at DESC, order_number DESC LIMIT ${MAX_OFFSET}`,
      );
      expect(await paged('/api/orders', { scope: 'all' }, MAX_OFFSET, 25)).toEqual(expected);
      expect((await list('/api/orders', { scope: 'all' }, [0, MAX_OFFSET - 1])).ids).toEqual(expected);
    });

    it('orders: sorted on a joined name or a status, page by page as in one', async () => {
      const byEndUser = await sql(
        `SELECT o.id FROM vmu_order o JOIN person eu ON eu.id = o.end_user_id
          ORDER BY eu.last_name COLLATE beh_sv DESC, o.order_number DESC LIMIT ${MAX_OFFSET}`,
      );
      expect(await paged('/api/orders', { scope: 'all' }, MAX_OFFSET, 30, ['endUserName', 'DESC'])).toEqual(
        byEndUser,
      );
      const byStatus = await sql(
        `SELECT id FROM vmu_order ORDER BY status DESC, order_number DESC LIMIT ${MAX_OFFSET}`,
      );
      expect(await paged('/api/orders', { scope: 'all' }, MAX_OFFSET, 40, ['status', 'DESC'])).toEqual(
        byStatus,
      );
      const filtered = await sql(
        `SELECT id FROM vmu_order WHERE type = 'REVOKE' ORDER BY created_at DESC, order_number DESC`,
      );
      expect(await paged('/api/orders', { scope: 'all', type: 'REVOKE' }, filtered.length, 7)).toEqual(
        filtered,
      );
    });

    it('persons: pages put together are the whole list in Swedish name order', async () => {
      const expected = await sql(
        `SELECT id FROM person ORDER BY last_name COLLATE beh_sv, first_name COLLATE beh_sv, id LIMIT ${MAX_OFFSET}`,
      );
      expect(await paged('/api/persons', {}, MAX_OFFSET, 25)).toEqual(expected);
      const byFirstName = await sql(
        `SELECT id FROM person ORDER BY first_name COLLATE beh_sv DESC, last_name COLLATE beh_sv, first_name COLLATE beh_sv, id
          LIMIT 100`,
      );
      expect(await paged('/api/persons', {}, 100, 20, ['firstName', 'DESC'])).toEqual(byFirstName);
    });

    it('persons: a search finds by a name, a later word of one, the VGR-ID or the administration', async () => {
      const search = async (q: string) => (await list('/api/persons', { q }, [0, 199])).ids.sort();
      const matching = (where: string, values: unknown[]) =>
        sql(`SELECT id FROM person p WHERE ${where} ORDER BY id`, values).then((ids) => ids.sort());
      expect(await search('lind')).toEqual(
        await matching(
          `p.first_name_fold LIKE 'lind%' OR p.last_name_fold LIKE 'lind%' OR p.first_name_fold LIKE '% lind%'
            OR p.last_name_fold LIKE '% lind%' OR lower(p.user_id) LIKE 'lind%'
            OR p.id IN (SELECT e.person_id FROM engagement e JOIN care_unit cu ON cu.id = e.care_unit_id
                          JOIN administration a ON a.id = cu.administration_id WHERE beh_fold(a.name) LIKE 'lind%')`,
          [],
        ),
      );
      const inAdministration = await matching(
        `p.id IN (SELECT e.person_id FROM engagement e JOIN care_unit cu ON cu.id = e.care_unit_id
                    JOIN administration a ON a.id = cu.administration_id WHERE a.name = $1)`,
        ['Närhälsan'],
      );
      expect(inAdministration.length).toBeGreaterThan(COUNT_LIMIT);
      const found = await search('närhälsan');
      expect(found).toEqual(expect.arrayContaining(inAdministration));
      // Above the count limit a name search's total is "more than the limit": the planner's
      // estimate of a name search is no guide.
      await t.dataSource.query('ANALYZE person');
      const page = await list('/api/persons', { q: 'närhälsan' }, [0, 24]);
      expect(page).toMatchObject({ kind: 'at-least', range: `persons 0-24/${COUNT_LIMIT + 1}` });
    });
  });
});
