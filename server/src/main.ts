import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import cluster from 'node:cluster';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { createApp } from './app.factory.js';
import { type AppConfig, ConfigError, loadConfig } from './config/app-config.js';
import { ensureDatabase, withDatabase } from './database/database-url.js';
import { startEmbeddedPostgres } from './database/embedded-postgres.js';
import { entities } from './entities.js';
import { MailCatcher } from './mail/catcher/mail-catcher.js';
import { createRootLogger, processLogger } from './observability/logging.js';
import { mailWebView } from './mail/catcher/mail-web-view.js';
import { seedIfEmpty } from './seed/demo-seed.js';

const logger = new Logger('Bootstrap');

function configOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }
}

/** What the process needs before any HTTP: a database (the embedded one without DATABASE_URL) and a mail server. */
interface Prelude {
  config: AppConfig;
  databaseUrl: string;
  catcher?: MailCatcher;
  stop(): Promise<void>;
}

async function prelude(config: AppConfig): Promise<Prelude> {
  let databaseUrl = config.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedPgDir,
      port: config.embeddedPgPort,
      persistent: true,
      logger,
    });
    stopEmbedded = embedded.stop;
    databaseUrl = withDatabase(embedded.adminUrl, 'beh');
    await ensureDatabase(databaseUrl);
  }
  // Without SMTP_URL (never in production: loadConfig refuses) mail goes to an in-process
  // catcher whose messages are read at /mail, so the real delivery path runs in development too.
  const catcher = config.mail.smtpUrl
    ? undefined
    : await MailCatcher.start(config.mail.catcherSmtpPort, logger);
  if (catcher) config = { ...config, mail: { ...config.mail, smtpUrl: catcher.smtpUrl } };
  return {
    config,
    databaseUrl,
    catcher,
    stop: async () => {
      await catcher?.stop();
      await stopEmbedded?.();
    },
  };
}

/** One process serves everything (WEB_CONCURRENCY=1, the default). */
async function single(config: AppConfig): Promise<void> {
  const ready = await prelude(config);
  const app = await createApp(ready.config, ready.databaseUrl);
  const { catcher } = ready;
  if (catcher) app.use('/mail', mailWebView(catcher));
  app.getHttpServer().on('close', () => void ready.stop());
  if (config.seedOnEmpty) {
    const seeded = await seedIfEmpty(app.get<DataSource>(getDataSourceToken()), {
      signingKeySecret: config.signing.keySecret,
    });
    if (seeded) logger.log('Empty database: demo data seeded');
  }
  await app.listen(config.port, config.host);
  logger.log(`BEH listening on ${config.publicUrl} (UI at /, API at /api)`);
  if (catcher)
    logger.log(`Mail catcher on smtp://127.0.0.1:${catcher.port}; caught mail at ${config.publicUrl}/mail`);
}

/**
 * WEB_CONCURRENCY > 1: this process migrates (and seeds an empty development database) once,
 * then forks that many workers that share the port; node:cluster hands them the connections in
 * turn. A worker that dies is replaced; SIGTERM/SIGINT end the workers first (each closes its
 * server and database pool), then what this process started.
 */
async function primary(config: AppConfig): Promise<void> {
  const ready = await prelude(config);
  const dataSource = new DataSource({ type: 'postgres', url: ready.databaseUrl, entities, migrations });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    if (config.seedOnEmpty && (await seedIfEmpty(dataSource, { signingKeySecret: config.signing.keySecret })))
      logger.log('Empty database: demo data seeded');
  } finally {
    await dataSource.destroy();
  }
  if (ready.catcher)
    logger.warn(
      `Mail catcher on smtp://127.0.0.1:${ready.catcher.port}; its web view (/mail) is only served with WEB_CONCURRENCY=1`,
    );
  const env = {
    ...process.env,
    DATABASE_URL: ready.databaseUrl,
    SMTP_URL: ready.config.mail.smtpUrl,
    SEED_ON_EMPTY: 'false',
    BEH_CLUSTER_WORKER: '1',
  };
  let stopping = false;
  const fork = () => cluster.fork(env);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error(`Worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening !== config.workers) return;
    logger.log(`BEH listening on ${config.publicUrl} with ${config.workers} worker processes`);
    // A parent that forked this process with an IPC channel (the benchmarks) learns it is ready.
    process.send?.({ beh: 'listening', workers: config.workers });
  });
  for (let i = 0; i < config.workers; i++) fork();

  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping the workers`);
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    await ready.stop();
    process.exit(0);
  };
  process.on('SIGTERM', (s) => void shutdown(s));
  process.on('SIGINT', (s) => void shutdown(s));
}

/** A forked worker: the database is migrated and mail has a server; it only serves. */
async function worker(config: AppConfig): Promise<void> {
  const app = await createApp(config, config.databaseUrl as string);
  await app.listen(config.port, config.host);
}

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  // JSON lines (LOG_FORMAT) from the first line on, the cluster's primary included.
  Logger.overrideLogger(processLogger(createRootLogger(config)));
  if (cluster.isWorker && process.env.BEH_CLUSTER_WORKER === '1') return worker(config);
  if (config.workers > 1) return primary(config);
  return single(config);
}

void bootstrap();
