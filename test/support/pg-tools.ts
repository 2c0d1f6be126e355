/**
 * PostgreSQL's own client tools (pg_dump, pg_restore) for the backup test, and finding a server
 * they can work on: pg_dump refuses a server of a newer major version than its own, and the test
 * suite's default server is embedded PostgreSQL 18 while Debian 12's client is 15.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { withDatabase } from '../../server/src/database/database-url.js';

const run = promisify(execFile);

/** The system server CI and this machine have (Debian's PostgreSQL 15, trust for postgres). */
export const SYSTEM_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface PgTools {
  pgDump: string;
  pgRestore: string;
  /** pg_dump's major version (15 for "pg_dump (PostgreSQL) 15.20 (Debian …)"). */
  major: number;
}

/** pg_dump and pg_restore from PG_BIN (a folder) or the PATH; undefined when there is none. */
export async function findPgTools(): Promise<PgTools | undefined> {
  const dir = process.env.PG_BIN;
  const pgDump = dir ? `${dir}/pg_dump` : 'pg_dump';
  const pgRestore = dir ? `${dir}/pg_restore` : 'pg_restore';
  try {
    const { stdout } = await run(pgDump, ['--version']);
    await run(pgRestore, ['--version']);
    const match = /\(PostgreSQL\)\s+(\d+)/.exec(stdout);
    return match ? { pgDump, pgRestore, major: Number(match[1]) } : undefined;
  } catch {
    return undefined;
  }
}

/** The server's major version, or undefined when nothing answers there within 3 s. */
export async function serverMajor(serverUrl: string): Promise<number | undefined> {
  const client = new pg.Client({
    connectionString: withDatabase(serverUrl, 'postgres'),
    connectionTimeoutMillis: 3000,
  });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
    return Math.floor(Number(rows[0].v) / 10000);
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface DumpableServer {
  serverUrl: string;
  /** Which candidate it was, for the test's log. */
  why: string;
  tools: PgTools;
}

/**
 * The first server pg_dump can dump: the test run's own (DATABASE_URL, or the embedded one) when
 * its major version is not newer than pg_dump's, else BACKUP_TEST_DATABASE_URL, else the system
 * server at 127.0.0.1:5432. Returns the reason when there is none.
 */
export async function findDumpableServer(): Promise<DumpableServer | { none: string }> {
  const tools = await findPgTools();
  if (!tools) return { none: 'pg_dump/pg_restore not found (install postgresql-client or set PG_BIN)' };
  const candidates: [string | undefined, string][] = [
    [process.env.BEH_TEST_SERVER_URL, "the test run's server"],
    [process.env.BACKUP_TEST_DATABASE_URL, 'BACKUP_TEST_DATABASE_URL'],
    [SYSTEM_SERVER_URL, 'the system server at 127.0.0.1:5432'],
  ];
  const seen: string[] = [];
  for (const [serverUrl, why] of candidates) {
    if (!serverUrl) continue;
    const major = await serverMajor(serverUrl);
    seen.push(`${why}: ${major === undefined ? 'not reachable' : `PostgreSQL ${major}`}`);
    if (major !== undefined && major <= tools.major) return { serverUrl, why, tools };
  }
  return { none: `pg_dump ${tools.major} can dump none of: ${seen.join('; ')}` };
}

/** `pg_dump -Fc` of the database at `databaseUrl` into `file`. */
export async function dumpDatabase(tools: PgTools, databaseUrl: string, file: string): Promise<void> {
  await run(tools.pgDump, ['--format=custom', '--file', file, '--dbname', databaseUrl], {
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** `pg_restore` of `file` into the (empty) database at `databaseUrl`, stopping at the first error. */
export async function restoreDatabase(tools: PgTools, databaseUrl: string, file: string): Promise<void> {
  await run(tools.pgRestore, ['--exit-on-error', '--no-owner', '--dbname', databaseUrl, file], {
    maxBuffer: 16 * 1024 * 1024,
  });
}
