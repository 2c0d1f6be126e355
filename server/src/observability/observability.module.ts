import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoRoot } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { MailModule } from '../mail/mail.module.js';
import { SchedulerModule } from '../scheduler/scheduler.module.js';
import { createRootLogger } from './logging.js';
import { MetricsService } from './metrics.service.js';

/** The process's pino logger, for app.factory's request-line middleware. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * Logs and metrics (docs/design.md, Operations). Nest's own logs (every `new Logger(…)`) go to
 * the same pino logger through nestjs-pino, with the request id of the request they were made in.
 * The request-line middleware is logging.ts's httpLogger, installed by app.factory ahead of
 * everything else (`useExisting`: nestjs-pino only binds the request logger it sets as `req.log`
 * for Nest's loggers).
 */
@Module({})
export class ObservabilityModule {
  static forRoot(config: AppConfig): DynamicModule {
    const root: PinoRoot = createRootLogger(config);
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true }),
        MailModule,
        SchedulerModule,
      ],
      providers: [{ provide: ROOT_LOGGER, useValue: root }, MetricsService],
      exports: [ROOT_LOGGER, MetricsService],
    };
  }
}
