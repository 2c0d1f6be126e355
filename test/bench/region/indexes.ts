/**
 * Building an index once over a million rows (a sort) is many times cheaper than keeping it up to
 * date row by row while they arrive. So, inside the load's one transaction, the loaded tables'
 * indexes and unique constraints that no foreign key depends on are dropped first and made again
 * afterwards from their own definitions (pg_get_indexdef, pg_get_constraintdef): the schema that is
 * committed is the migrated one, index for index (checked), and every unique index is checked
 * against every row when it is made again. Primary keys that foreign keys point at stay.
 */
import type pg from 'pg';

interface Deferred {
  table: string;
  name: string;
  /** A CREATE INDEX statement, or the constraint's definition. */
  definition: string;
  constraint: boolean;
}

export interface DeferredIndexes {
  deferred: Deferred[];
  /** Every index definition of the tables before the load, to check the result against. */
  before: string[];
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function definitions(client: pg.Client, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ definition: string }>(
    `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
      WHERE i.indrelid::regclass::text = ANY($1) ORDER BY 1`,
    [tables],
  );
  return rows.map((r) => r.definition);
}

export async function dropIndexes(client: pg.Client, tables: readonly string[]): Promise<DeferredIndexes> {
  const before = await definitions(client, tables);
  const { rows } = await client.query<Deferred>(
    `SELECT i.indrelid::regclass::text AS table, c.relname AS name, false AS constraint,
            pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
     UNION ALL
     SELECT k.conrelid::regclass::text, k.conname, true, pg_get_constraintdef(k.oid)
       FROM pg_constraint k
      WHERE k.contype IN ('p', 'u') AND k.conrelid::regclass::text = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = k.conindid)`,
    [tables],
  );
  for (const d of rows) {
    await client.query(
      d.constraint
        ? `ALTER TABLE ${d.table} DROP CONSTRAINT ${ident(d.name)}`
        : `DROP INDEX ${ident(d.name)}`,
    );
  }
  return { deferred: rows, before };
}

/** Makes the dropped indexes and constraints again and checks that the tables have exactly the indexes they had. */
export async function restoreIndexes(
  client: pg.Client,
  { deferred, before }: DeferredIndexes,
  tables: readonly string[],
  progress: (table: string, seconds: number) => void,
): Promise<number> {
  const byTable = new Map<string, Deferred[]>();
  for (const d of deferred) byTable.set(d.table, [...(byTable.get(d.table) ?? []), d]);
  for (const [table, list] of byTable) {
    const started = Date.now();
    // Constraints first: a primary key's index is the one the others' plans may lean on.
    for (const d of list.filter((x) => x.constraint)) {
      await client.query(`ALTER TABLE ${table} ADD CONSTRAINT ${ident(d.name)} ${d.definition}`);
    }
    for (const d of list.filter((x) => !x.constraint)) await client.query(d.definition);
    progress(table, (Date.now() - started) / 1000);
  }
  const after = await definitions(client, tables);
  if (after.join('\n') !== before.join('\n')) {
    throw new Error(
      `The indexes after the load differ from before:\n${after.filter((d) => !before.includes(d)).join('\n')}`,
    );
  }
  return deferred.length;
}
