import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import pg from 'pg';
import { migrations } from '../../../migrations/index.js';
import { AuditEvent } from '../audit/entities/audit-event.entity.js';
import { directoryEntities } from '../directory/entities/index.js';
import { MailOutbox } from '../mail/entities/mail-outbox.entity.js';

// DATE columns are calendar dates; keep them as 'YYYY-MM-DD' strings instead of local-time Dates.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

export const entities = [...directoryEntities, MailOutbox, AuditEvent];

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
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
