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
    // The seeded template and the migrated-only one (test/support/db-utils.ts), built or half built.
    for (const name of [
      template,
      `${template}_building`,
      `${template}_empty`,
      `${template}_empty_building`,
    ]) {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
