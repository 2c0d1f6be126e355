import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations/index.js';
import { QueryLogger } from './query-logger.js';

const poolLogger = new Logger('Database');

/**
 * pg-pool's hook for every new connection, before its first use.
 *
 * - An 'error' listener for the connection's whole life. pg-pool listens only while a connection
 *   is idle and TypeORM only while a query runner holds it; a connection the server ends in
 *   between (pg_terminate_backend: 57P01, a restart, a dropped socket) emitted an 'error' nobody
 *   listened to, and Node ended the process. The query or the pool sees the failure anyway; this
 *   only logs it, code and message, never a statement or its parameters.
 * - A connection PostgreSQL reports a FATAL error on (the server ends it next) is ended at once.
 *   The FATAL message fails the statement in flight, TypeORM releases the connection to the pool
 *   without the error, and the socket's close may come later (a slow network, a proxy): until it
 *   did, pg-pool handed the dead connection to the next request, which failed with a 503 too. An
 *   ended connection is one pg-pool drops on release.
 */
function watchConnection(client: pg.Client): void {
  client.on('error', (error: Error & { code?: unknown }) => {
    poolLogger.warn({
      msg: 'Database connection lost',
      code: typeof error.code === 'string' ? error.code : undefined,
      error: error.message,
    });
  });
  client.connection.on('errorMessage', (message: { severity?: string }) => {
    if (message.severity === 'FATAL' || message.severity === 'PANIC')
      void client.end().catch(() => undefined);
  });
}

// DATE columns are calendar dates; keep them as 'YYYY-MM-DD' strings instead of local-time Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * How long a request waits for a connection: the pool's slot, or a database that does not answer
 * the connect at all (a dropped host, not a refused port). Past it the request gets the 503
 * problem instead of hanging until TCP gives up.
 */
const CONNECT_TIMEOUT_MS = 10_000;

@Global()
@Module({})
export class DatabaseModule {
  /**
   * `entities`: every module's TypeORM entities (server/src/entities.ts). `statementTimeoutMs`
   * (DB_STATEMENT_TIMEOUT_MS): PostgreSQL cancels any statement of the application running
   * longer (SQLSTATE 57014; the request gets a 503 problem). Migrations run first on a
   * connection of their own without that limit: building an index on a large table may take
   * longer, and must not be cancelled halfway through a start.
   */
  static forRoot(
    databaseUrl: string,
    entities: NonNullable<TypeOrmModuleOptions['entities']>,
    statementTimeoutMs = 30_000,
  ): DynamicModule {
    const options = {
      type: 'postgres',
      url: databaseUrl,
      entities,
      migrations,
      migrationsTransactionMode: 'all',
      synchronize: false,
      logging: ['error', 'warn', 'migration'],
      logger: new QueryLogger(),
    } satisfies DataSourceOptions;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...options,
            migrationsRun: false,
            extra: {
              max: 20,
              statement_timeout: statementTimeoutMs,
              connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
              onConnect: watchConnection,
            },
          }),
          dataSourceFactory: async (appOptions) => {
            const migrator = new DataSource({
              ...options,
              extra: { max: 1, onConnect: watchConnection },
            });
            await migrator.initialize();
            try {
              await migrator.runMigrations({ transaction: 'all' });
            } finally {
              await migrator.destroy();
            }
            return new DataSource(appOptions!).initialize();
          },
        }),
      ],
    };
  }
}
