/**
 * Rows streamed into a table with COPY … FROM STDIN (text format), a megabyte at a time, waiting
 * for the server whenever it falls behind: millions of rows without an INSERT each.
 */
import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value as COPY's text format takes it; null is NULL. */
export type CopyValue = string | number | boolean | null;

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c]) : value;
}

export class CopyWriter {
  private buffer: string[] = [];
  private size = 0;
  private rows = 0;
  private readonly stream: ReturnType<typeof copyFrom>;
  private readonly done: Promise<void>;

  constructor(
    client: pg.Client,
    readonly table: string,
    columns: readonly string[],
  ) {
    this.stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    this.done = new Promise((resolve, reject) => {
      this.stream.on('finish', () => resolve());
      this.stream.on('error', reject);
    });
    // An error before end() is awaited must not go unhandled; end() reports it.
    this.done.catch(() => undefined);
  }

  /** Adds a row; every so often waits until the server has taken what came before. */
  async row(values: readonly CopyValue[]): Promise<void> {
    const line = values.map(field).join('\t') + '\n';
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
  }

  /** Sends the rest and waits until the server has stored every row; answers how many. */
  async end(): Promise<number> {
    await this.flush();
    this.stream.end();
    await this.done;
    return this.rows;
  }
}

/**
 * The load's one connection and transaction. With `replica`, each table is copied with
 * session_replication_role = replica, which turns off the per-row foreign-key triggers (checked in
 * bulk afterwards), except the tables in `triggered`, whose own triggers must fire: those are
 * copied with every trigger on.
 */
export class Load {
  private role: 'origin' | 'replica' = 'origin';

  constructor(
    readonly client: pg.Client,
    private readonly replica: boolean,
    private readonly triggered: ReadonlySet<string>,
  ) {}

  /** Sets the session for `table` and opens a COPY into it. */
  async writer(table: string, columns: readonly string[]): Promise<CopyWriter> {
    await this.setRole(this.replica && !this.triggered.has(table) ? 'replica' : 'origin');
    return new CopyWriter(this.client, table, columns);
  }

  /** Every trigger on again (for statements after the COPYs). */
  async triggersOn(): Promise<void> {
    await this.setRole('origin');
  }

  private async setRole(role: 'origin' | 'replica'): Promise<void> {
    if (role === this.role) return;
    await this.client.query(`SET LOCAL session_replication_role = ${role}`);
    this.role = role;
  }
}

/** Streams rows into `table`; answers how many. */
export async function copyRows(
  load: Load,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<number> {
  const writer = await load.writer(table, columns);
  for (const row of rows) await writer.row(row);
  return writer.end();
}
