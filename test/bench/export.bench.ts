/**
 * CSV export benchmark (issue 11, point 7): the full export of persons (`GET /api/persons/export`)
 * read to its end as a browser would (keep-alive, compressed), with the time to the first byte, the
 * time to the last, the size, the lines, and the server's RSS sampled while it runs.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/beh_region npm run bench:export
 *       the application started in this process on that database (read only but for the sign-in's
 *       session row and the application's own migrations at start), RSS of this process;
 *   BENCH_BASE_URL=http://127.0.0.1:3000 BENCH_SERVER_PID=<pid> node dist/test/bench/export.bench.js
 *       a server already running (npm run build:server; NODE_ENV=development for the dev sign-in),
 *       RSS of that process from /proc.
 *
 * BENCH_ADMIN (admin1) signs in; BENCH_EXPORT_PATH (/api/persons/export) picks the export;
 * BENCH_ACCEPT_ENCODING ("gzip, deflate, br"; empty for none).
 * Targets: complete ≤ 5 s, first byte ≤ 1 s, RSS growth < 50 MB.
 *
 * `measureExport` is exported for other benchmarks (bench:lists) to call with their own server.
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { type AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createApp } from '../../server/src/app.factory.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { signIn } from './bench-http.js';
import { BENCH_LIMITS } from './bench-limits.js';

export interface ExportFigures {
  status: number;
  contentType: string | null;
  contentEncoding: string | null;
  /** Bytes of the body as read (after decompression). */
  bytes: number;
  /** CRLF-ended lines: the header and one per row (a cell with a line break adds one). */
  lines: number;
  /** Request sent → first byte of the body. */
  firstByteMs: number;
  /** Request sent → last byte of the body. */
  totalMs: number;
  rssBefore: number;
  rssPeak: number;
  /** Peak minus before: what the export added while it ran. */
  rssGrowth: number;
}

export interface MeasureExport {
  /** e.g. http://127.0.0.1:3000 */
  base: string;
  /** The session cookie (`beh.sid=…`) of someone who may read the list. */
  cookie: string;
  path?: string;
  acceptEncoding?: string;
  /** The server's resident set size in bytes: this process's by default. */
  rss?: () => number;
  sampleEveryMs?: number;
}

/** The RSS of another process (a server started apart), read from /proc. */
export function rssOfPid(pid: number): () => number {
  return () => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(status);
    if (!kb) throw new Error(`no VmRSS for process ${pid}`);
    return Number(kb[1]) * 1024;
  };
}

/** One export read to its end, its timings and the RSS peak above the RSS before it. */
export async function measureExport({
  base,
  cookie,
  path = '/api/persons/export',
  acceptEncoding = 'gzip, deflate, br',
  rss = () => process.memoryUsage.rss(),
  sampleEveryMs = 20,
}: MeasureExport): Promise<ExportFigures> {
  const rssBefore = rss();
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rss());
  }, sampleEveryMs);
  try {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`, {
      // fetch asks for gzip by itself: "identity" when no compression is wanted.
      headers: { cookie, 'accept-encoding': acceptEncoding || 'identity' },
      signal: AbortSignal.timeout(300_000),
    });
    let firstByteMs = Number.NaN;
    let bytes = 0;
    let lines = 0;
    let lastByte = 0;
    if (res.body) {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - t0;
        bytes += chunk.length;
        for (let i = 0; i < chunk.length; i++) {
          if (chunk[i] === 10 && (i > 0 ? chunk[i - 1] : lastByte) === 13) lines += 1;
        }
        lastByte = chunk[chunk.length - 1] ?? lastByte;
      }
    }
    const totalMs = performance.now() - t0;
    rssPeak = Math.max(rssPeak, rss());
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      contentEncoding: res.headers.get('content-encoding'),
      bytes,
      lines,
      firstByteMs,
      totalMs,
      rssBefore,
      rssPeak,
      rssGrowth: rssPeak - rssBefore,
    };
  } finally {
    clearInterval(sampler);
  }
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;

/** One line of figures, with the targets. */
export function describeExport(path: string, f: ExportFigures): string {
  const ok = (pass: boolean) => (pass ? 'ok' : 'OVER TARGET');
  return (
    `GET ${path}: ${f.status} ${f.contentType ?? ''}${f.contentEncoding ? ` (${f.contentEncoding})` : ''}, ` +
    `${mb(f.bytes)}, ${f.lines.toLocaleString('en-US')} lines; first byte ${f.firstByteMs.toFixed(0)} ms ` +
    `[≤ 1000: ${ok(f.firstByteMs <= 1000)}], complete ${(f.totalMs / 1000).toFixed(2)} s [≤ 5 s: ${ok(f.totalMs <= 5000)}]; ` +
    `RSS ${mb(f.rssBefore)} → peak ${mb(f.rssPeak)}, +${mb(f.rssGrowth)} [< 50 MB: ${ok(f.rssGrowth < 50 * 2 ** 20)}]`
  );
}

async function main(): Promise<void> {
  const env = process.env;
  const path = env.BENCH_EXPORT_PATH ?? '/api/persons/export';
  const acceptEncoding = env.BENCH_ACCEPT_ENCODING ?? 'gzip, deflate, br';
  let app: INestApplication | undefined;
  let base = env.BENCH_BASE_URL;
  let rss: (() => number) | undefined;
  try {
    if (base) {
      if (!env.BENCH_SERVER_PID) throw new Error('With BENCH_BASE_URL, set BENCH_SERVER_PID for its RSS.');
      rss = rssOfPid(Number(env.BENCH_SERVER_PID));
    } else {
      if (!env.DATABASE_URL) throw new Error('Set DATABASE_URL (e.g. the region of npm run bench:region).');
      app = await createApp(
        loadConfig({
          ...BENCH_LIMITS,
          NODE_ENV: 'test',
          LOG_LEVEL: 'warn',
          UI_DIR: '',
          SEED_ON_EMPTY: 'false',
          SCHEDULER_ENABLED: 'false',
        }),
        env.DATABASE_URL,
      );
      await app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    }
    const session = await signIn(base, env.BENCH_ADMIN ?? 'admin1');
    // A small export first, so that the code and the plan are warm before the RSS baseline.
    const warm = await measureExport({
      base,
      cookie: session.cookie,
      path: `${path}?filter=${encodeURIComponent('{"q":"an"}')}`,
      acceptEncoding,
      rss,
    });
    console.log(`warm-up: ${describeExport(`${path} (q=an)`, warm)}`);
    for (let run = 1; run <= Number(env.BENCH_RUNS ?? 3); run++) {
      const figures = await measureExport({ base, cookie: session.cookie, path, acceptEncoding, rss });
      console.log(`run ${run}: ${describeExport(path, figures)}`);
    }
  } finally {
    await app?.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
