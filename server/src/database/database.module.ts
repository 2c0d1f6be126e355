import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import pg from 'pg';
import { migrations } from '../../../migrations/index.js';

// DATE columns are calendar dates; keep them as 'YYYY-MM-DD' strings instead of local-time Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

@Global()
@Module({})
export class DatabaseModule {
  /** `entities`: every module's TypeORM entities (server/src/entities.ts). */
  static forRoot(
    databaseUrl: string,
    entities: NonNullable<TypeOrmModuleOptions['entities']>,
  ): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          type: 'postgres',
          url: databaseUrl,
          entities,
          migrations,
          migrationsRun: true,
          migrationsTransactionMode: 'all',
          synchronize: false,
          extra: { max: 20 },
          logging: ['error'],
        }),
      ],
    };
  }
}
