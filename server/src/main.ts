import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { ensureDatabase, withDatabase } from './database/database-url.js';
import { startEmbeddedPostgres } from './database/embedded-postgres.js';
import { MailCatcher } from './mail/catcher/mail-catcher.js';
import { mailWebView } from './mail/catcher/mail-web-view.js';
import { seedIfEmpty } from './seed/demo-seed.js';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    throw error;
  }

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

  const app = await createApp(config, databaseUrl);
  if (catcher) {
    app.use('/mail', mailWebView(catcher));
    app.getHttpServer().on('close', () => void catcher.stop());
  }
  if (stopEmbedded) {
    const stop = stopEmbedded;
    app.getHttpServer().on('close', () => void stop());
  }
  if (config.seedOnEmpty) {
    const seeded = await seedIfEmpty(app.get<DataSource>(getDataSourceToken()), {
      signingKeySecret: config.signing.keySecret,
    });
    if (seeded) logger.log('Empty database: demo data seeded');
  }
  await app.listen(config.port);
  logger.log(`BEH listening on ${config.publicUrl} (UI at /, API at /api)`);
  if (catcher)
    logger.log(`Mail catcher on smtp://127.0.0.1:${catcher.port}; caught mail at ${config.publicUrl}/mail`);
}

void bootstrap();
