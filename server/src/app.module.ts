import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ServeStaticModule } from '@nestjs/serve-static';
import { Clock } from './common/clock.js';
import { LocalizeInterceptor } from './common/messages/localize.interceptor.js';
import { ProblemFilter } from './common/problem.filter.js';
import { uiCacheHeaders } from './common/transport.js';
import { AccessCatalogueModule } from './access-catalogue/access-catalogue.module.js';
import { ApiClientsModule } from './api-clients/api-clients.module.js';
import { AttestModule } from './attest/attest.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { FulfilmentModule } from './fulfilment/fulfilment.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { APP_CONFIG, type AppConfig } from './config/app-config.js';
import { DatabaseModule } from './database/database.module.js';
import { DelegationsModule } from './delegations/delegations.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { entities } from './entities.js';
import { HealthModule } from './health/health.module.js';
import { LimitsModule } from './limits/limits.module.js';
import { MailModule } from './mail/mail.module.js';
import { MassOrdersModule } from './mass-orders/mass-orders.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { ApiDocsModule } from './openapi/api-docs.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { SignServiceModule } from './sign-service/sign-service.module.js';
import { SigningModule } from './signing/signing.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const uiRoot = config.uiDir ? path.resolve(config.uiDir) : '';
    const serveUi = uiRoot !== '' && existsSync(path.join(uiRoot, 'index.html'));
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(databaseUrl, entities, config.observability.statementTimeoutMs),
        HealthModule,
        ObservabilityModule.forRoot(config),
        AuthModule.forRoot(config),
        // After AuthModule: its guard runs after the AuthGuard, with the signed-in person known.
        LimitsModule,
        DirectoryModule,
        AccessCatalogueModule,
        DelegationsModule,
        MailModule,
        AuditModule,
        OrdersModule,
        MassOrdersModule,
        SigningModule,
        SignServiceModule,
        AttestModule,
        ReviewsModule,
        FulfilmentModule,
        ApiClientsModule,
        SchedulerModule,
        ApiDocsModule.forRoot(config.nodeEnv),
        ...(serveUi
          ? [
              ServeStaticModule.forRoot({
                rootPath: uiRoot,
                exclude: ['/api/{*path}', '/api'],
                serveStaticOptions: { setHeaders: uiCacheHeaders },
              }),
            ]
          : []),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_INTERCEPTOR, useClass: LocalizeInterceptor },
        Clock,
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
