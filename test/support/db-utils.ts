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

/** A migrated database at `url`, demo-seeded unless told otherwise. */
export async function migrateAndSeed(url: string, { seed = true }: { seed?: boolean } = {}): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url, entities, migrations });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
    if (seed) await seedDemo(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The template a test database is copied from: migrated and seeded, or migrated only. */
export const templateName = (seeded: boolean): string => (seeded ? TEMPLATE_DB : `${TEMPLATE_DB}_empty`);

/**
 * A fresh database for one test file, copied in a few milliseconds from this run's template:
 * migrated and demo-seeded, or (`seeded: false`) migrated only, for tests that build their whole
 * world with the factories. The first caller of a run builds the template it needs.
 */
export async function createDatabaseFromTemplate(
  serverUrl: string,
  name: string,
  { seeded = true }: { seeded?: boolean } = {},
): Promise<string> {
  const template = templateName(seeded);
  await withAdminClient(serverUrl, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const building = `${template}_building`;
        await client.query(`DROP DATABASE IF EXISTS ${ident(building)} WITH (FORCE)`);
        await client.query(`CREATE DATABASE ${ident(building)}`);
        await migrateAndSeed(withDatabase(serverUrl, building), { seed: seeded });
        // Renamed only once complete, so a failed build never leaves a half template behind.
        await client.query(`ALTER DATABASE ${ident(building)} RENAME TO ${ident(template)}`);
      }
      await client.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)}`);
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

/**
 * Runs `sql` on the audit log with its append-only trigger off, as only the table's owner could:
 * how the tests change or remove an event to see verification name it.
 */
export async function tamperAuditLog(db: DataSource, sql: string, params: unknown[] = []): Promise<void> {
  await db.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete`);
  try {
    await db.query(sql, params);
  } finally {
    await db.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete`);
  }
}
