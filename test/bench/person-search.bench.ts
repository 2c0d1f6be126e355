/**
 * Person search benchmark: times name searches through the real API (HTTP on a listening port,
 * signed in as an administrator) and through PersonsService alone, on a migrated and demo-seeded
 * database.
 *
 *   npm run bench:search                 embedded PostgreSQL in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench:search   a throwaway database on that server
 *
 * Prints median and p95 in milliseconds; the target is a median under 20 ms.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/src/app.factory.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { PersonsService } from '../../server/src/directory/persons.service.js';
import { ADMINISTRATIONS, FIRST_NAMES, LAST_NAMES, PERSONAS } from '../../server/src/seed/demo-data.js';
import { openBenchDatabase, sql } from './bench-database.js';
import { signIn } from './bench-http.js';
import { BENCH_LIMITS } from './bench-limits.js';

const SEARCHES = 400;
const WARM_UP = 30;

/** Deterministic, varied queries: 1–5 letter prefixes of first, last and administration names, VGR-IDs, two words. */
function searchQueries(count: number): string[] {
  const words = [
    ...FIRST_NAMES,
    ...LAST_NAMES,
    ...ADMINISTRATIONS.map((a) => a.name),
    ...PERSONAS.map((p) => p.userId),
  ];
  const queries: string[] = [];
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  while (queries.length < count) {
    const word = words[next(words.length)];
    const prefix = word.slice(0, 1 + next(5));
    switch (queries.length % 5) {
      case 0:
        queries.push(prefix.toUpperCase());
        break;
      case 1:
        // Accents left out, as people type them.
        queries.push(prefix.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
        break;
      case 2: {
        const other = words[next(words.length)];
        queries.push(`${prefix} ${other.slice(0, 2 + next(3))}`);
        break;
      }
      default:
        queries.push(prefix.toLowerCase());
    }
  }
  return queries;
}

function stats(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const fmt = (n: number) => n.toFixed(2);
  console.log(
    `${label.padEnd(30)} n=${samples.length}  median ${fmt(at(0.5))} ms  p95 ${fmt(at(0.95))} ms  max ${fmt(sorted[sorted.length - 1])} ms`,
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  const bench = await openBenchDatabase(`beh_bench_${process.pid}`);
  const { databaseUrl } = bench;
  let app: INestApplication | undefined;
  try {
    // Statistics for the bench database itself, where the seed just landed.
    await sql(databaseUrl, 'ANALYZE');

    const config = loadConfig({
      ...BENCH_LIMITS,
      NODE_ENV: 'test',
      LOG_LEVEL: 'error',
      UI_DIR: '',
      SEED_ON_EMPTY: 'false',
    });
    app = await createApp(config, databaseUrl);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const persons = app.get(PersonsService);
    const setup = performance.now() - started;

    const { total: count } = await persons.list({ range: '[0,0]' });
    const queries = searchQueries(SEARCHES);
    const base = `http://127.0.0.1:${port}`;
    const headers = { cookie: (await signIn(base, 'admin1')).cookie };
    const url = (q: string) =>
      `${base}/api/persons?${new URLSearchParams({
        filter: JSON.stringify({ q }),
        range: '[0,24]',
      })}`;

    for (const q of queries.slice(0, WARM_UP)) await (await fetch(url(q), { headers })).arrayBuffer();

    const http: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t0 = performance.now();
      const res = await fetch(url(q), { headers });
      const body = (await res.json()) as unknown[];
      http.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`GET ${url(q)} answered ${res.status}`);
      if (body.length > 0) hits++;
    }

    const service: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      await persons.list({ filter: JSON.stringify({ q }), range: '[0,24]' });
      service.push(performance.now() - t0);
    }

    console.log(`person search on ${count} persons (setup ${(setup / 1000).toFixed(1)} s)`);
    console.log(
      `${queries.length} searches, ${hits} with at least one hit, e.g. ${queries.slice(0, 6).join(' | ')}`,
    );
    stats('HTTP GET /api/persons?q=', http);
    stats('PersonsService.list (SQL)', service);
  } finally {
    await app?.close();
    await bench.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
