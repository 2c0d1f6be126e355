/**
 * The portal as production runs it on a multi-core machine: `node dist/server/src/main.js` with
 * WEB_CONCURRENCY worker processes sharing one port (node:cluster), on the benchmark's database.
 * Sessions live in the database, so a session signed in elsewhere is valid here too.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { BENCH_LIMITS } from './bench-limits.js';

export interface RunningCluster {
  base: string;
  workers: number;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startCluster(databaseUrl: string, workers: number): Promise<RunningCluster> {
  const port = await freePort();
  const child = fork(new URL('../../server/src/main.js', import.meta.url), [], {
    env: {
      ...process.env,
      ...BENCH_LIMITS,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      UI_DIR: '',
      SEED_ON_EMPTY: 'false',
      SCHEDULER_ENABLED: 'false',
      SESSION_IDLE_MINUTES: '600',
      SESSION_ABSOLUTE_HOURS: '24',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      WEB_CONCURRENCY: String(workers),
      // Reads send no mail; a server is named so that no mail catcher is started.
      SMTP_URL: 'smtp://127.0.0.1:9',
      // No delivery worker: it would retry the region's pending mails against that port, a load
      // (and writes to the benchmark's outbox) that is not the requests measured.
      MAIL_POLL_SECONDS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the cluster did not start within 120 s')), 120_000);
    child.on('message', (m: { beh?: string }) => {
      if (m.beh === 'listening') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the cluster exited with ${code} before listening`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    workers,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
