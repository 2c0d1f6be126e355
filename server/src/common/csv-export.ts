import {
  applyDecorators,
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  type NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiQuery } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { parseListQuery, type RawListQuery } from './list-query.js';
import { ProblemException } from './problem.js';
import { routeOf } from './request-id.middleware.js';
import { compressStream } from './transport.js';
import {
  type FilterContext,
  filterClauses,
  type ListSpec,
  orderSql,
  type SearchSpec,
  SqlParams,
} from './sql.js';

/*
 * Streaming CSV export of a list (docs/design.md, CSV export): the list's own filter, sort and
 * visibility, every row of it, read from a server-side cursor in one read-only REPEATABLE READ
 * transaction (one consistent snapshot) and written batch by batch as the client takes it.
 */

export type CsvValue = string | number | boolean | Date | null | undefined;

/** One column: its Swedish header and how a row's value is written. */
export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => CsvValue;
}

/** What a grid exports: which list, which columns, and the file's name. */
export interface CsvExport<Row> {
  spec: ListSpec | SearchSpec;
  /**
   * The row fields the columns read: only these are sent by the database and parsed (an order row
   * has 25 fields, an audit event its before/after JSON), which keeps a long export's garbage down.
   */
  fields: readonly (keyof Row & string)[];
  columns: readonly CsvColumn<Row>[];
  /** The file's name before the date, e.g. "personer": personer-2026-06-02.csv. */
  fileName: string;
}

/** Rows per FETCH: a batch is a few hundred kB of CSV at most, the memory an export holds. */
export const EXPORT_BATCH = 1000;
/** Exports running at once in this process; each holds one connection of the pool while it runs. */
export const MAX_CONCURRENT_EXPORTS = 4;

export const BOM = '\uFEFF';
const SEPARATOR = ';';
const NEWLINE = '\r\n';

const STOCKHOLM_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** An instant as Stockholm time to the second, `2026-06-02 14:11:50`, as the grids show it. */
export const stockholmTimestamp = (at: Date): string => STOCKHOLM_TIME.format(at);

/** A cell a spreadsheet would run as a formula (CSV injection): = + - @, a tab or a carriage return. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[";\r\n]/;

/**
 * One cell. Empty for nothing; Ja/Nej for booleans; numbers as they are; instants as Stockholm
 * time. Text that a spreadsheet would take for a formula gets a leading apostrophe (shown as text,
 * not run), and text with a quote, a semicolon or a line break is quoted with its quotes doubled.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text: string;
  if (typeof value === 'boolean') text = value ? 'Ja' : 'Nej';
  else if (value instanceof Date) text = stockholmTimestamp(value);
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(SEPARATOR) + NEWLINE;
}

/** A label of an enum value in Swedish, the value itself when it has none. */
export const label =
  <Row>(labels: Record<string, string>, pick: (row: Row) => string | null | undefined) =>
  (row: Row): string => {
    const value = pick(row);
    return value ? (labels[value] ?? value) : '';
  };

/**
 * The list's SELECT without LIMIT: its filters (unknown keys and bad values refused with the
 * list's own 400 problems), its visibility for this reader and its ORDER BY with the tie break,
 * and the per-row `late` columns computed on top. Throws before anything is sent.
 */
export function exportQuery(
  spec: ListSpec | SearchSpec,
  raw: RawListQuery,
  ctx: FilterContext,
  fields: readonly string[],
): { sql: string; values: unknown[] } | 'empty' {
  // The whole list: any range the client sends is ignored.
  const query = parseListQuery({ filter: raw.filter, sort: raw.sort }, spec.sortable, spec.defaultSort);
  const p = new SqlParams();
  const where = filterClauses(spec, query.filter, p, ctx);
  if (where.length === 0 && (spec as SearchSpec).emptyUnfiltered) return 'empty';
  const visible = spec.visible?.(p, ctx);
  if (visible !== undefined) where.push(visible);
  const whereSql = where.length ? `WHERE ${where.map((c) => `(${c})`).join(' AND ')}` : '';
  const late = spec.late ? `, ${spec.late(p, ctx)}` : '';
  // A subquery with ORDER BY is never flattened: its scan hands the rows on in that order. The
  // outer SELECT names the fields wanted; PostgreSQL computes neither the list's other columns
  // nor the late ones not named.
  const wanted = fields.map((f) => `exported."${f.replace(/"/g, '""')}"`).join(', ');
  const sql = `SELECT ${wanted} FROM (SELECT page.*${late} FROM (
      SELECT ${spec.select} FROM ${spec.from} ${whereSql} ORDER BY ${orderSql(spec, query)}
    ) AS page) AS exported`;
  return { sql, values: p.values };
}

/** `attachment; filename="…"` with an ASCII fallback and the UTF-8 name (RFC 6266/5987). */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * An export's answer compressed as a stream (transport.ts, compressStream), installed before the
 * handler runs: before streamCsv listens for the response's drain, which the compression package
 * then hands to its stream.
 */
@Injectable()
export class StreamedCsv implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    const http = context.switchToHttp();
    compressStream(http.getRequest<Request>(), http.getResponse<Response>());
    return next.handle();
  }
}

/**
 * An export route: its answer compressed as a stream (StreamedCsv), and its OpenAPI description:
 * the list's filter and sort, a CSV file back.
 */
export function ApiCsvExport(fileName: string): MethodDecorator {
  return applyDecorators(
    UseInterceptors(StreamedCsv),
    ApiQuery({
      name: 'filter',
      required: false,
      schema: { type: 'string', example: '{"q":"and"}' },
      description: "JSON object of filters, the same as the list's.",
    }),
    ApiQuery({
      name: 'sort',
      required: false,
      schema: { type: 'string', example: '["name","ASC"]' },
      description: 'JSON ["field","ASC"|"DESC"], the same as the list\'s. There is no range: every row.',
    }),
    ApiProduces('text/csv'),
    ApiOkResponse({
      description:
        'Every row the list would show this reader, as CSV (UTF-8 with BOM, semicolons, CRLF, Swedish ' +
        'headers), streamed from one snapshot. 400 for a bad filter or sort, before any byte; 503 when ' +
        'too many exports run at once.',
      content: { 'text/csv': { schema: { type: 'string' } } },
      headers: {
        'Content-Disposition': {
          description: 'The file name: `<name>-<Stockholm date>.csv`.',
          schema: { type: 'string', example: `attachment; filename="${fileName}-2026-06-02.csv"` },
        },
      },
    }),
  );
}

const busy = () =>
  new ProblemException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'export-busy',
    'Många exporter pågår just nu. Försök igen om en stund.',
  );

let running = 0;

/**
 * Answers the request with the whole list as CSV: UTF-8 with a byte order mark, semicolons,
 * CRLF, a header row, then the rows as the cursor yields them. A bad filter or sort is a 400
 * problem before any byte is sent. Memory holds one batch; a client that stops reading pauses
 * the cursor (back-pressure), one that goes away ends it and frees the connection. An error after
 * the first bytes aborts the response, so the download fails instead of ending short.
 */
export async function streamCsv<Row>(
  db: DataSource,
  req: Request,
  res: Response,
  raw: RawListQuery,
  exp: CsvExport<Row>,
  ctx: FilterContext & { today: string },
): Promise<void> {
  const query = exportQuery(exp.spec, raw, ctx, exp.fields);
  if (running >= MAX_CONCURRENT_EXPORTS) {
    res.setHeader('Retry-After', '10');
    throw busy();
  }
  running += 1;
  const runner = db.createQueryRunner();
  let client: PoolClient | undefined;
  let healthy = true;
  let gone = false;
  let wake: (() => void) | undefined;
  const onClose = () => {
    if (!res.writableFinished) gone = true;
    wake?.();
  };
  const onDrain = () => wake?.();
  res.on('close', onClose);
  // compression (StreamedCsv) routes drain listeners to its stream; one for the whole export.
  res.on('drain', onDrain);
  try {
    client = (await runner.connect()) as PoolClient;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    // A cursor's plan is costed for the whole result, which turns JIT on: it compiled for most of a
    // second before the first row, and per-row subqueries gain nothing from it.
    await client.query('SET LOCAL jit = off');
    if (query !== 'empty') {
      await client.query(`DECLARE beh_export NO SCROLL CURSOR FOR ${query.sql}`, query.values);
    }
    // Gone while the connection was being had: nothing to answer.
    if (gone) return;
    preferGzip(req);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', attachmentHeader(`${exp.fileName}-${ctx.today}.csv`));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.write(BOM + csvLine(exp.columns.map((c) => c.header)));
    (res as Response & { flush?: () => void }).flush?.();
    const cursor = client;
    const fetchBatch = () => cursor.query<Row & object>(`FETCH FORWARD ${EXPORT_BATCH} FROM beh_export`);
    // The database reads the next batch while this one is written out: two batches at most.
    let next = query === 'empty' ? undefined : fetchBatch();
    while (next && !gone) {
      const { rows } = await next;
      next = rows.length < EXPORT_BATCH ? undefined : fetchBatch();
      // Settled by the ROLLBACK's wait below if the client goes; never an unhandled rejection.
      next?.catch(() => undefined);
      if (rows.length === 0 || gone) continue;
      let chunk = '';
      for (const row of rows) chunk += csvLine(exp.columns.map((c) => c.value(row)));
      if (!res.write(chunk) && !gone) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    }
    if (!gone) res.end();
  } catch (error) {
    healthy = false;
    if (!res.headersSent) throw error;
    new Logger('CsvExport').error(
      { msg: 'Export aborted', requestId: req.headers['x-request-id'], route: routeOf(req) },
      error instanceof Error ? error.stack : String(error),
    );
    res.destroy(error instanceof Error ? error : undefined);
  } finally {
    res.off('close', onClose);
    running -= 1;
    if (client && healthy) {
      // Ends the transaction and with it the cursor, on whichever path we leave (after a FETCH
      // still running: the connection answers in order).
      await client.query('ROLLBACK').catch(() => {
        healthy = false;
      });
    }
    // A connection in an unknown state is destroyed, not handed back to the pool.
    await (runner as unknown as PgRunner)
      .releasePostgresConnection(healthy ? undefined : new Error('CSV export aborted'))
      .catch(() => undefined);
  }
}

/**
 * The answer compression (common/transport.ts) picks brotli when the browser offers it; its 4 MB
 * window per stream is memory an export holds for its whole run, for little gain over gzip's
 * 32 kB on CSV. Negotiated when the first byte is written, so taking br out of this request's
 * Accept-Encoding before then makes an export gzip (or plain, if the browser offers neither).
 */
function preferGzip(req: Request): void {
  const offered = req.headers['accept-encoding'];
  if (typeof offered === 'string' && /\bbr\b/.test(offered)) {
    req.headers['accept-encoding'] = offered
      .split(',')
      .filter((coding) => coding.trim().split(';')[0] !== 'br')
      .join(',');
  }
}

/** TypeORM's PostgreSQL query runner: its release can pass pg-pool an error, which drops the connection. */
interface PgRunner {
  releasePostgresConnection(err?: Error): Promise<void>;
}
