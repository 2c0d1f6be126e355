import type { CacheItem, CacheProvider } from '@node-saml/passport-saml';
import type { DataSource } from 'typeorm';

/** How long a sent AuthnRequest may be answered: time enough to find the SITHS card and PIN. */
export const SAML_REQUEST_TTL_MS = 30 * 60_000;

/**
 * node-saml's InResponseTo cache kept in PostgreSQL, so that a response is accepted by whichever
 * server instance the IdP's post reaches, and only in answer to a request we sent.
 *
 * node-saml "removes" an id after any answer to it, accepted or refused; here that marks it
 * consumed, and `claimSignIn` is the atomic once-only step the sign-in itself takes.
 * Times are the real clock's, not the portal's Clock: node-saml compares them with `new Date()`.
 * Requests past their time are only ignored here; the scheduler deletes them (sign-in-sweep.ts).
 */
export class PgSamlCacheProvider implements CacheProvider {
  constructor(
    private readonly db: DataSource,
    private readonly ttlMs: number,
  ) {}

  async saveAsync(key: string, value: string): Promise<CacheItem | null> {
    const rows = await this.db.query<{ createdAt: Date }[]>(
      `INSERT INTO saml_request (id, value) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING
       RETURNING created_at AS "createdAt"`,
      [key, value],
    );
    return rows[0] ? { value, createdAt: rows[0].createdAt.getTime() } : null;
  }

  async getAsync(key: string): Promise<string | null> {
    const rows = await this.db.query<{ value: string }[]>(
      'SELECT value FROM saml_request WHERE id = $1 AND created_at >= $2 AND consumed_at IS NULL',
      [key, this.oldest()],
    );
    return rows[0]?.value ?? null;
  }

  async removeAsync(key: string | null): Promise<string | null> {
    if (key === null) return null;
    // TypeORM answers an UPDATE with [rows, rowCount].
    const [rows] = await this.db.query<[{ value: string }[], number]>(
      'UPDATE saml_request SET consumed_at = now() WHERE id = $1 AND consumed_at IS NULL RETURNING value',
      [key],
    );
    return rows[0]?.value ?? null;
  }

  /** True for the first sign-in in answer to this request, false for any later one. */
  async claimSignIn(key: string): Promise<boolean> {
    const [, count] = await this.db.query<[unknown[], number]>(
      'UPDATE saml_request SET signed_in_at = now() WHERE id = $1 AND signed_in_at IS NULL',
      [key],
    );
    return count === 1;
  }

  private oldest(): Date {
    return new Date(Date.now() - this.ttlMs);
  }
}
