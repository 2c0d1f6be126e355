import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { loadConfig } from '../config/app-config.js';
import { entities } from '../entities.js';
import { ensureDatabase, withDatabase } from '../database/database-url.js';
import { startEmbeddedPostgres } from '../database/embedded-postgres.js';
import { seedDemo } from './demo-seed.js';

/** `npm run seed`: migrate, then insert whatever demo rows are missing (a second run inserts nothing). */
async function main(): Promise<void> {
  const config = loadConfig();
  let url = config.databaseUrl;
  let stop: (() => Promise<void>) | undefined;
  if (!url) {
    const embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedPgDir,
      port: config.embeddedPgPort,
      persistent: true,
    });
    stop = embedded.stop;
    url = withDatabase(embedded.adminUrl, 'beh');
    await ensureDatabase(url);
  }
  const dataSource = new DataSource({ type: 'postgres', url, entities, migrations });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    const counts = await seedDemo(dataSource, { signingKeySecret: config.signing.keySecret });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`Demo seed: ${total} rows inserted`, counts);
  } finally {
    await dataSource.destroy();
    await stop?.();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
