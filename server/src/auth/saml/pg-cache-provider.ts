import type { CacheItem, CacheProvider } from '@node-saml/passport-saml';
import type { DataSource } from 'typeorm';

/**
 * node-saml's InResponseTo cache kept in PostgreSQL, so that a response is accepted by whichever
 * server instance the IdP's post reaches, and only in answer to a request we sent.
 *
 * Times here are the real clock's, not the portal's Clock: node-saml compares them with its own
 * `new Date()`.
 */
export class PgSamlCacheProvider implements CacheProvider {
  constructor(
    private readonly db: DataSource,
    private readonly ttlMs: number,
  ) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    await this.db.query('DELETE FROM saml_request WHERE created_at < $1', [
      new Date(Date.now() - this.ttlMs),
    ]);
    const rows = await this.db.query<{ createdAt: Date }[]>(
      `INSERT INTO saml_request (id, value) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING
       RETURNING created_at AS "createdAt"`,
      [key, value],
    );
    return rows[0] ? { value, createdAt: rows[0].createdAt.getTime() } : null;
  }

  async getAsync(key: string): Promise<string | null> {
    const rows = await this.db.query<{ value: string }[]>(
      'SELECT value FROM saml_request WHERE id = $1 AND created_at >= $2',
      [key, new Date(Date.now() - this.ttlMs)],
    );
    return rows[0]?.value ?? null;
  }

  /**
   * Consumes the id. node-saml calls this once a response has used it; when the row is already
   * gone, another post of the same response got there first (a replay, maybe a concurrent one),
   * so this one is refused by throwing.
   */
  async removeAsync(key: string | null): Promise<string | null> {
    if (key === null) return null;
    // TypeORM answers a DELETE with [rows, rowCount].
    const [rows] = await this.db.query<[{ value: string }[], number]>(
      'DELETE FROM saml_request WHERE id = $1 RETURNING value',
      [key],
    );
    if (!rows[0]) throw new Error('InResponseTo has already been used');
    return rows[0].value;
  }
}
