/**
 * The database the benchmarks run on: a fresh, migrated and demo-seeded database on the server of
 * DATABASE_URL, or on an embedded PostgreSQL started in a temporary folder when it is not set.
 */
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { withDatabase } from '../../server/src/database/database-url.js';
import { startEmbeddedPostgres } from '../../server/src/database/embedded-postgres.js';
import { dropDatabase, migrateAndSeed } from '../support/db-utils.js';

export interface BenchDatabase {
  /** The server, as DATABASE_URL or the embedded server's `postgres` database. */
  serverUrl: string;
  /** The bench database on it. */
  databaseUrl: string;
  /** Drops the bench database (errors ignored) and stops the embedded server, if one was started. */
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** One statement on the database at `url`, on a connection of its own. */
export async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** One statement on the server's `postgres` database. */
export async function adminSql(serverUrl: string, text: string): Promise<void> {
  await sql(withDatabase(serverUrl, 'postgres'), text);
}

/** Database `name` (a plain identifier), dropped if left over, created, migrated and demo-seeded. */
export async function openBenchDatabase(name: string): Promise<BenchDatabase> {
  let serverUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'beh-bench-pg-'));
    const embedded = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    stopEmbedded = embedded.stop;
    serverUrl = embedded.adminUrl;
  }
  const server = serverUrl;
  const close = async () => {
    await dropDatabase(server, name).catch(() => undefined);
    await stopEmbedded?.();
  };
  try {
    await adminSql(server, `DROP DATABASE IF EXISTS ${name}`);
    await adminSql(server, `CREATE DATABASE ${name}`);
    const databaseUrl = withDatabase(server, name);
    await migrateAndSeed(databaseUrl);
    return { serverUrl: server, databaseUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}
