/**
 * A second (and third) process for bench:lists' carry-out with two processes: boots the application
 * on the database given as its argument, says "ready", runs one scheduler tick when told and
 * reports it, and closes when told to stop. Started by lists-sections.ts through fork().
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/src/app.factory.js';
import { loadConfig } from '../../server/src/config/app-config.js';
import { SchedulerService } from '../../server/src/scheduler/scheduler.service.js';
import { BENCH_LIMITS } from './bench-limits.js';

const url = process.argv[2];
let app: INestApplication | undefined;

async function boot(): Promise<void> {
  const config = loadConfig({
    ...BENCH_LIMITS,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    UI_DIR: '',
    SEED_ON_EMPTY: 'false',
    SCHEDULER_ENABLED: 'false',
  });
  app = await createApp(config, url);
  await app.init();
  process.send?.({ kind: 'ready' });
}

process.on('message', (message: { kind: string }) => {
  if (message.kind === 'tick' && app) {
    const t0 = performance.now();
    app
      .get(SchedulerService)
      .runTick()
      .then(
        (report) =>
          process.send?.({
            kind: 'report',
            report: {
              pid: process.pid,
              ms: performance.now() - t0,
              carriedOut: report.carriedOut,
              failed: report.failed.length,
            },
          }),
        (error: unknown) => process.send?.({ kind: 'error', error: String(error) }),
      );
  }
  if (message.kind === 'stop') {
    void (app?.close() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});

boot().catch((error: unknown) => {
  process.send?.({ kind: 'error', error: String(error) });
  process.exit(1);
});
