/**
 * Mass order benchmark (rule 8): on a migrated and demo-seeded database with 60,000
 * extra persons and their engagements, times the person search of "Lägg till användare" and
 * the pre-check and send of one mass order of 1,000 persons, through the real API (HTTP on a
 * listening port, signed in as eriho2, ORDER+ATTEST at Solgläntan).
 *
 *   npm run bench:mass                              embedded PostgreSQL in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench:mass    a throwaway database on that server
 *
 * Targets: search median under 50 ms; a send of 1,000 persons under 3 s of server time (timed
 * here from the request to its answer on the same machine, so an upper bound of it).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { type AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/src/app.factory.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { ADMINISTRATIONS, FIRST_NAMES, LAST_NAMES, UNITS } from '../../server/src/seed/demo-data.js';
import { seedId } from '../../server/src/seed/seed-ids.js';
import { openBenchDatabase, sql } from './bench-database.js';
import { signIn } from './bench-http.js';
import { BENCH_LIMITS } from './bench-limits.js';

const EXTRA_PERSONS = 60_000;
const SEARCHES = 300;
const WARM_UP = 30;
const SEND_SIZE = 1000;
const VOB_SOL = seedId('assignment:solglantan:VoB SJF');
const SOLGLANTAN = seedId('unit:solglantan');
const ATTESTANT = seedId('person:sarbe3');

/**
 * 60,000 persons in two statements: names from the demo's lists, VGR-IDs made from them as the
 * region makes them, one engagement each (every tenth at Solgläntan, every twentieth ended).
 */
export async function addPersons(url: string): Promise<void> {
  await sql(
    url,
    `INSERT INTO person (hsa_id, user_id, personnummer, first_name, last_name, title, email)
     SELECT 'SE2321000131-P9' || lpad(g::text, 11, '0'),
            translate(lower(left(f.name, 3) || left(l.name, 2)), 'åäöé', 'aaoe') || (1000 + g),
            '2001' || lpad(g::text, 8, '0'), f.name, l.name, 'Medarbetare', 'bench' || g || '@vgr.example'
       FROM generate_series(1, $1::int) AS g,
            LATERAL (SELECT ($2::text[])[(1 + (g::bigint * 7919) % cardinality($2::text[]))::int] AS name) AS f,
            LATERAL (SELECT ($3::text[])[(1 + (g::bigint * 104729) % cardinality($3::text[]))::int] AS name) AS l`,
    [EXTRA_PERSONS, FIRST_NAMES, LAST_NAMES],
  );
  await sql(
    url,
    `WITH units AS (SELECT array_agg(id ORDER BY hsa_id) AS ids FROM care_unit)
     INSERT INTO engagement (person_id, care_unit_id, cost_centre, title, valid_from, valid_to)
     SELECT p.id,
            CASE WHEN n % 10 = 0 THEN $1::uuid ELSE units.ids[1 + n % cardinality(units.ids)] END,
            'B' || (n % 1000), 'Medarbetare', DATE '2020-01-01',
            CASE WHEN n % 20 = 7 THEN DATE '2024-12-31' END
       FROM (SELECT id, row_number() OVER (ORDER BY hsa_id) AS n FROM person
              WHERE hsa_id LIKE 'SE2321000131-P9%') AS p, units`,
    [SOLGLANTAN],
  );
}

/** Deterministic, varied searches over the form's fields, alone and combined. */
export function searches(count: number): Record<string, string>[] {
  const organisations = [...UNITS.map((u) => u.name), ...ADMINISTRATIONS.map((a) => a.name)];
  let seed = 11;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const prefix = (words: readonly string[], min = 1) => {
    const word = words[next(words.length)];
    return word.slice(0, min + next(4));
  };
  const userIds = () =>
    `${prefix(FIRST_NAMES, 3).slice(0, 3)}${prefix(LAST_NAMES, 2).slice(0, 2)}`.toLowerCase();
  const kinds: (() => Record<string, string>)[] = [
    () => ({ lastName: prefix(LAST_NAMES) }),
    () => ({ firstName: prefix(FIRST_NAMES) }),
    () => ({ userId: userIds() }),
    () => ({ organisation: prefix(organisations, 3) }),
    () => ({ firstName: prefix(FIRST_NAMES), lastName: prefix(LAST_NAMES) }),
    () => ({ organisation: prefix(organisations, 4), lastName: prefix(LAST_NAMES, 2) }),
  ];
  return Array.from({ length: count }, (_, i) => kinds[i % kinds.length]());
}

function stats(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return `${label.padEnd(34)} n=${samples.length}  median ${at(0.5).toFixed(2)} ms  p95 ${at(0.95).toFixed(2)} ms  max ${sorted[sorted.length - 1].toFixed(2)} ms`;
}

async function main(): Promise<void> {
  const bench = await openBenchDatabase(`beh_bench_mass_${process.pid}`);
  const { databaseUrl } = bench;
  let app: INestApplication | undefined;
  try {
    const t0 = performance.now();
    await addPersons(databaseUrl);
    await sql(databaseUrl, 'ANALYZE');
    const seeded = performance.now() - t0;
    const { rows } = await sql(databaseUrl, 'SELECT count(*)::int AS n FROM person');

    const config = loadConfig({
      ...BENCH_LIMITS,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      UI_DIR: '',
      SEED_ON_EMPTY: 'false',
    });
    app = await createApp(config, databaseUrl);
    await app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const session = await signIn(base, 'eriho2');
    const headers = {
      cookie: session.cookie,
      'content-type': 'application/json',
      'x-csrf-token': session.csrf,
    };

    const url = (filter: Record<string, string>) =>
      `${base}/api/mass-orders/assignments/${VOB_SOL}/candidates?${new URLSearchParams({
        filter: JSON.stringify(filter),
        range: '[0,49]',
      })}`;
    const queries = searches(SEARCHES);
    for (const q of queries.slice(0, WARM_UP)) await (await fetch(url(q), { headers })).arrayBuffer();
    const times: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const started = performance.now();
      const res = await fetch(url(q), { headers });
      const body = (await res.json()) as unknown[];
      times.push(performance.now() - started);
      if (res.status !== 200) throw new Error(`search ${JSON.stringify(q)} answered ${res.status}`);
      if (body.length > 0) hits++;
    }

    const { rows: free } = await sql(
      databaseUrl,
      `SELECT p.id FROM person p JOIN engagement e ON e.person_id = p.id
        WHERE e.care_unit_id = $1 AND e.valid_to IS NULL AND p.hsa_id LIKE 'SE2321000131-P9%'
        ORDER BY p.hsa_id LIMIT $2`,
      [SOLGLANTAN, SEND_SIZE],
    );
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const body = {
      assignmentId: VOB_SOL,
      add: free.map((r: { id: string }) => r.id),
      attestantId: ATTESTANT,
      startDate: today,
    };
    const timed = async (path: string) => {
      const started = performance.now();
      const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const answer = (await res.json()) as { ok?: boolean; orders?: unknown[]; detail?: string };
      return { ms: performance.now() - started, status: res.status, answer };
    };
    const check = await timed('/api/mass-orders/check');
    if (check.status !== 200 || !check.answer.ok) throw new Error(`check: ${JSON.stringify(check.answer)}`);
    const send = await timed('/api/mass-orders');
    if (send.status !== 201) throw new Error(`send answered ${send.status}: ${send.answer.detail}`);
    const { rows: written } = await sql(
      databaseUrl,
      `SELECT count(*)::int AS orders, count(DISTINCT batch_id)::int AS batches FROM vmu_order WHERE batch_id IS NOT NULL`,
    );

    console.log(
      `mass orders on ${rows[0].n} persons (60,000 added with engagements in ${(seeded / 1000).toFixed(1)} s)`,
    );
    console.log(
      `${SEARCHES} searches, ${hits} with hits, e.g. ${queries
        .slice(0, 4)
        .map((q) => JSON.stringify(q))
        .join(' ')}`,
    );
    console.log(stats('HTTP GET …/candidates (50 a page)', times));
    console.log(`POST /api/mass-orders/check, ${SEND_SIZE} persons   ${check.ms.toFixed(0)} ms`);
    console.log(
      `POST /api/mass-orders, ${SEND_SIZE} persons         ${send.ms.toFixed(0)} ms (${send.answer.orders?.length} orders; in the database ${written[0].orders} orders in ${written[0].batches} batch)`,
    );
  } finally {
    await app?.close();
    await bench.close();
  }
}

// Run when started as a script; imported (to seed a database for a closer look), it only exports.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
