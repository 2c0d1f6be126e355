import { bool, type Env, type NodeEnv, port, url, wholeNumber } from './env.js';

/** Which PostgreSQL holds the data, and whether an empty one gets the demo data. */
export interface DatabaseConfig {
  /** Connection string of an external PostgreSQL; undefined means "start the embedded one". */
  databaseUrl: string | undefined;
  embeddedPgDir: string;
  embeddedPgPort: number;
  /** Run the demo seed when the database has no persons yet. */
  seedOnEmpty: boolean;
  /** Lists count their hits exactly up to this many; above it the total is an estimate (common/sql). */
  listExactCountLimit: number;
  /** No list page may start past this many rows (common/sql). */
  listMaxOffset: number;
}

export function loadDatabaseConfig(env: Env, nodeEnv: NodeEnv): DatabaseConfig {
  return {
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    embeddedPgDir: env.EMBEDDED_PG_DIR || '.data/postgres',
    embeddedPgPort: port(env, 'EMBEDDED_PG_PORT', 54329),
    // Made-up persons and delegations have no place in a production directory.
    seedOnEmpty: bool(env, 'SEED_ON_EMPTY', nodeEnv !== 'production'),
    listExactCountLimit: wholeNumber(env, 'LIST_EXACT_COUNT_LIMIT', 1_000, 1, 1_000_000),
    listMaxOffset: wholeNumber(env, 'LIST_MAX_OFFSET', 10_000, 1, 1_000_000),
  };
}
