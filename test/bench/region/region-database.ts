/**
 * Where the region lives: the database of DATABASE_URL (created when missing), or `beh_region` on
 * an embedded PostgreSQL whose data folder (.bench/region-pg) survives between runs, so a second
 * run, and the list benchmark, find the region already built. A built region is marked on the
 * database itself (its comment: generator, version, reference instant, counts).
 */
import path from 'node:path';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { entities } from '../../../server/src/entities.js';
import { withDatabase } from '../../../server/src/database/database-url.js';
import { startEmbeddedPostgres } from '../../../server/src/database/embedded-postgres.js';

export const REGION_DATABASE = 'beh_region';
/** Bumped whenever the generator makes other rows: a region of another version is not reused. */
export const GENERATOR_VERSION = 1;
const GENERATOR = 'beh-region';
const EMBEDDED_DIR = '.bench/region-pg';
const EMBEDDED_PORT = 54_329;

export interface RegionMarker {
  generator: typeof GENERATOR;
  version: number;
  builtAt: string;
  /** The instant the region stands at (ISO). */
  reference: string;
  buildSeconds: number;
  counts: Record<string, number>;
}

export interface RegionServer {
  databaseUrl: string;
  /** The server's maintenance database, for creating and dropping the region's. */
  adminUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function onAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Creates the database when the server does not have it yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
  return onAdmin(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${ident(name)}`);
    return true;
  });
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await onAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

/**
 * The region's database: DATABASE_URL's, or the embedded server's (started here, stopped by
 * close()). The list benchmark opens it the same way.
 */
export async function openRegionServer(log: (line: string) => void = () => undefined): Promise<RegionServer> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const adminUrl = withDatabase(url, 'postgres');
    if (await ensureDatabase(adminUrl, databaseName(url))) log(`created database ${databaseName(url)}`);
    return { databaseUrl: url, adminUrl, embedded: false, close: async () => undefined };
  }
  const dataDir = path.resolve(EMBEDDED_DIR);
  const port = Number(process.env.BENCH_REGION_PORT ?? EMBEDDED_PORT);
  log(`embedded PostgreSQL in ${dataDir} on port ${port}`);
  const embedded = await startEmbeddedPostgres({
    dataDir,
    port,
    persistent: true,
    logger: { log, warn: log },
  });
  if (await ensureDatabase(embedded.adminUrl, REGION_DATABASE)) log(`created database ${REGION_DATABASE}`);
  return {
    databaseUrl: withDatabase(embedded.adminUrl, REGION_DATABASE),
    adminUrl: embedded.adminUrl,
    embedded: true,
    close: embedded.stop,
  };
}

/** Runs the migrations the database has not had yet (all of them on an empty one); answers their names. */
export async function runPendingMigrations(databaseUrl: string): Promise<string[]> {
  const dataSource = new DataSource({ type: 'postgres', url: databaseUrl, entities, migrations });
  await dataSource.initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'all' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

export async function readMarker(client: pg.Client): Promise<RegionMarker | undefined> {
  const { rows } = await client.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
  );
  const comment = rows[0]?.comment;
  if (!comment) return undefined;
  try {
    const marker = JSON.parse(comment) as RegionMarker;
    return marker.generator === GENERATOR ? marker : undefined;
  } catch {
    return undefined;
  }
}

/** Marks the database as holding a complete region (in the caller's transaction). */
export async function writeMarker(
  client: pg.Client,
  marker: Omit<RegionMarker, 'generator' | 'version'>,
): Promise<void> {
  const text = JSON.stringify({ generator: GENERATOR, version: GENERATOR_VERSION, ...marker });
  const { rows } = await client.query<{ name: string }>('SELECT current_database() AS name');
  await client.query(`COMMENT ON DATABASE ${ident(rows[0].name)} IS ${client.escapeLiteral(text)}`);
}
