import { Logger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { queryText } from '../common/prepared.js';

/**
 * TypeORM's log, through Nest's Logger (so pino's JSON lines) instead of console.log: a failed
 * statement is logged with its SQLSTATE and message and the start of its text, never its
 * parameters (they hold personnummer, names, session ids). Whether the failure is a fault is the
 * problem filter's to say (a refused database is a 503, a unique violation a 409): debug here.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(): void {}

  /** `query`: a text, or a prepared statement's `{ name, text }` (common/prepared.ts). */
  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
    this.logger.debug({
      msg: 'Query failed',
      code: typeof code === 'string' ? code : undefined,
      error: typeof error === 'string' ? error : error.message,
      query: queryText(query).replace(/\s+/g, ' ').slice(0, 200),
    });
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({
      msg: 'Slow query',
      ms: time,
      query: queryText(query).replace(/\s+/g, ' ').slice(0, 200),
    });
  }

  logSchemaBuild(): void {}

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(message);
    else this.logger.debug(message);
  }
}
