import pg from 'pg';

/** Stops the embedded server, or drops this run's template from a shared one. */
export default async function globalTeardown() {
  if (globalThis.__BEH_STOP_PG__) {
    await globalThis.__BEH_STOP_PG__();
    return;
  }
  const serverUrl = process.env.BEH_TEST_SERVER_URL;
  const template = process.env.BEH_TEST_TEMPLATE_DB;
  if (!serverUrl || !template) return;
  const url = new URL(serverUrl);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await client.query(`DROP DATABASE IF EXISTS ${template}_building WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
