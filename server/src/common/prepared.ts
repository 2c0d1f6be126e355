import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Statements PostgreSQL parses and plans once per connection: named prepared statements (issue 11,
 * throughput). On the region, planning is most of what the hot statements cost the database: the
 * attest queue's page takes 4.4 ms to plan and 1.6 ms to run, a person's detail 1.3 ms to plan and
 * 1 ms to run; prepared, the database's CPU per statement went from 2.1 to 0.5–0.7 ms (the queue)
 * and from 1.5–1.8 to 0.25–0.34 ms (the detail).
 *
 * A statement's name is the hash of its text, so one text is one statement on every connection
 * and two texts never share a name. Only texts whose values are all parameters belong here (the
 * list layer's, whose text depends on which filters and which sort, never on their values): a text
 * with a value in it would be a new statement per value. After its first five runs PostgreSQL
 * may plan a statement once for all parameter values (a generic plan), and does so only where the
 * planner expects that plan to cost no more than the ones made per value.
 *
 * Each connection keeps the statements it ran until it closes. Past MAX_NAMED distinct texts in a
 * process, further texts run unnamed, as before, so a growing set of texts cannot grow the
 * connections' memory without bound.
 */
const MAX_NAMED = 512;

export interface PreparedStatement {
  name: string;
  text: string;
}

const named = new Map<string, PreparedStatement>();
const LIKE = /\bI?LIKE\b/i;

/** The text as a named statement (or the text itself past MAX_NAMED distinct texts). */
export function prepared(text: string): PreparedStatement | string {
  // A LIKE on a parameter (the name searches: `first_name_fold LIKE beh_fold($2) || '%'`) needs
  // the value to plan: only a plan for the value knows the prefix and walks the prefix index. A
  // generic plan cannot, and PostgreSQL chose it after five runs: on the region orders by end user
  // "Andersson" went from p95 28 to 42 ms and persons by organisation from 24 to 37 ms. Planned
  // per run, as before.
  if (LIKE.test(text)) return text;
  const known = named.get(text);
  if (known) return known;
  if (named.size >= MAX_NAMED) return text;
  const statement = { name: `beh_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`, text };
  named.set(text, statement);
  return statement;
}

/**
 * Runs `text` as a prepared statement through TypeORM (in the entity manager's transaction when
 * given one). TypeORM hands the query to `pg` as it is, and pg takes `{ name, text }` as well as a
 * text: the cast only tells TypeORM's types so.
 */
export function queryPrepared<T = unknown>(
  db: DataSource | EntityManager,
  text: string,
  values: unknown[],
): Promise<T> {
  return db.query<T>(prepared(text) as string, values);
}

/** The text of a query TypeORM logs: a plain text, or a prepared statement's. */
export function queryText(query: unknown): string {
  if (typeof query === 'string') return query;
  if (query && typeof query === 'object' && typeof (query as { text?: unknown }).text === 'string') {
    return (query as { text: string }).text;
  }
  return String(query);
}
