import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../migrations/index.js';
import { entities } from '../../server/src/entities.js';
import { withDatabase } from '../../server/src/database/database-url.js';
import { seedDemo } from '../../server/src/seed/demo-seed.js';

/** This run's template (global-setup names one per run, so runs sharing a server stay apart). */
export const TEMPLATE_DB = process.env.BEH_TEST_TEMPLATE_DB ?? 'beh_test_template';
/** Any constant: serialises template building and copying between jest workers. */
const TEMPLATE_LOCK = 482_113;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function withAdminClient<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated and demo-seeded database at `url`. */
export async function migrateAndSeed(url: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, entities, migrations });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    await seedDemo(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * A fresh database for one test file, copied from the migrated and seeded template in a few
 * milliseconds. The first caller of a run builds the template.
 */
export async function createDatabaseFromTemplate(serverUrl: string, name: string): Promise<string> {
  await withAdminClient(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [TEMPLATE_DB]);
      if (exists.rowCount === 0) {
        const building = `${TEMPLATE_DB}_building`;
        await client.query(`DROP DATABASE IF EXISTS ${ident(building)} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${ident(building)}`);
        await migrateAndSeed(withDatabase(serverUrl, building));
        // Renamed only once complete, so a failed build never leaves a half template behind.
        await client.query(`ALTER DATABASE ${ident(building)} RENAME TO ${ident(TEMPLATE_DB)}`);
      }
      await client.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(TEMPLATE_DB)}`);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
    }
  });
  return withDatabase(serverUrl, name);
}

export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`),
  );
}
