import type { DataSource, EntityManager } from 'typeorm';
import { openSecret, type SealedSecret } from '../common/secret-seal.js';
import { SCIM_TOKEN_PURPOSE } from './access-catalogue.service.js';
import type { Fulfilment } from './entities.js';

/**
 * The access catalogue's published read of a system's SCIM settings, for the fulfilment module's
 * SCIM delivery (issue 14, carrying out): the base URL and the bearer token, opened from its seal
 * (common/secret-seal.ts, as the catalogue sealed it, bound to the system's id). The token is
 * only ever held in memory for the requests it authorises; it is never logged or answered.
 */
export interface ScimSystem {
  id: string;
  name: string;
  fulfilment: Fulfilment;
  /** Null when none is configured. */
  baseUrl: string | null;
  /** The opened token; null when none is kept, or its seal does not open (another server secret). */
  token: string | null;
  /** A token is kept but did not open under `keySecret`. */
  tokenUnreadable: boolean;
}

/**
 * The SCIM settings of the systems `ids` (those that exist), with their tokens opened under
 * `keySecret` (the server's SIGNING_KEY_SECRET, config.signing.keySecret).
 */
export async function scimSystems(
  db: DataSource | EntityManager,
  ids: readonly string[],
  keySecret: string,
): Promise<Map<string, ScimSystem>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<
    {
      id: string;
      name: string;
      fulfilment: Fulfilment;
      baseUrl: string | null;
      sealed: SealedSecret | null;
    }[]
  >(
    `SELECT s.id, s.name, s.fulfilment, s.scim_base_url AS "baseUrl", s.scim_token_sealed AS sealed
       FROM local_system s WHERE s.id = ANY($1::uuid[])`,
    [[...new Set(ids)]],
  );
  return new Map(
    rows.map(({ sealed, ...row }) => {
      const token = sealed ? (openSecret(sealed, keySecret, SCIM_TOKEN_PURPOSE, row.id) ?? null) : null;
      return [row.id, { ...row, token, tokenUnreadable: sealed !== null && token === null }];
    }),
  );
}
