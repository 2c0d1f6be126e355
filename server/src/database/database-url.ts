import pg from 'pg';

/** Returns the URL with its database name replaced. */
export function withDatabase(connectionUrl: string, database: string): string {
  const url = new URL(connectionUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export function databaseName(connectionUrl: string): string {
  return decodeURIComponent(new URL(connectionUrl).pathname.replace(/^\//, '')) || 'postgres';
}

/** Creates the database named in `connectionUrl` when it does not exist yet. */
export async function ensureDatabase(connectionUrl: string, template?: string): Promise<void> {
  const name = databaseName(connectionUrl);
  const client = new pg.Client({ connectionString: withDatabase(connectionUrl, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await client.query(`CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}
