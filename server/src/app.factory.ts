import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { guardInput } from './common/input-guard.js';
import { requestId } from './common/request-id.middleware.js';
import { securityHeaders } from './common/security-headers.js';
import { configureLists } from './common/sql.js';
import { compressResponses } from './common/transport.js';
import { createValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { ApiDocsService } from './openapi/api-docs.service.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { httpLogger } from './observability/logging.js';
import { MetricsService } from './observability/metrics.service.js';
import { ROOT_LOGGER } from './observability/observability.module.js';
import { signingWindow } from './signing/signing-window.js';

/** Every route of the API is under /api. */
const API_PREFIX = 'api';

/** Builds the application exactly as it runs, for main.ts and for the end-to-end tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  configureLists({ exactCountLimit: config.listExactCountLimit, maxOffset: config.listMaxOffset });
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bufferLogs: true,
  });
  // Nest's logs as pino JSON lines (LOG_LEVEL, LOG_FORMAT), with the request id inside a request.
  app.useLogger(app.get(PinoNestLogger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(securityHeaders(config));
  app.use(compressResponses());
  app.use(requestId);
  app.use(httpLogger(app.get(ROOT_LOGGER)));
  app.use(app.get(MetricsService).requests());
  app.use('/metrics', app.get(MetricsService).endpoint());
  app.use(signingWindow(config.uiDir));
  // The body parsers, then the check of every body, query and path they give (input-guard.ts).
  guardInput(app);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  // Built from the app itself (routes, prefix and all), on the first call of /api/docs.
  app.get(ApiDocsService).useBuilder(() => buildOpenApiDocument(app));
  app.enableShutdownHooks();
  return app;
}

/**
 * The OpenAPI description without a database, for `npm run openapi`: Nest's preview mode
 * registers every module and route but starts no provider, so nothing connects anywhere.
 * The openapi e2e test checks that it equals what the running application serves.
 */
export async function describeApi(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://preview.invalid/beh'), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
