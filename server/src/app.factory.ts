import type { INestApplication, LogLevel as NestLogLevel } from '@nestjs/common';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { requestId } from './common/request-id.middleware.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig, LogLevel } from './config/app-config.js';
import { signingWindow } from './signing/signing-window.js';

const LEVELS: Record<LogLevel, NestLogLevel[]> = {
  debug: ['debug', 'log', 'warn', 'error', 'fatal'],
  info: ['log', 'warn', 'error', 'fatal'],
  warn: ['warn', 'error', 'fatal'],
  error: ['error', 'fatal'],
};

/** Builds the application exactly as it runs, for main.ts and for the end-to-end tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    logger: new ConsoleLogger({ json: config.nodeEnv === 'production', logLevels: LEVELS[config.logLevel] }),
  });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(requestId);
  app.use(signingWindow(config.uiDir));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  return app;
}
