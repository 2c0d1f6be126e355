import type { LoggerService } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger as PinoRoot } from 'pino';
import { pinoHttp } from 'pino-http';
import { authOf } from '../common/auth/request-auth.js';
import { requestMs, routeOf } from '../common/request-id.middleware.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * Who made the request, when known: the signed-in person's user id (VGR-ID), or the name of the
 * API client whose token it carried. Read when the response is finished, after the guard.
 */
export function userOf(req: Request): string | undefined {
  const auth = authOf(req) as ReturnType<typeof authOf> & { client?: { name?: unknown } };
  const userId = auth.session?.person?.userId;
  if (userId) return userId;
  const client = auth.client?.name;
  return typeof client === 'string' ? `api:${client}` : undefined;
}

/** Probes and scrapes come every few seconds: their lines are debug, not noise at info. */
const QUIET_ROUTES = new Set(['/api/health', '/api/health/live', '/api/health/ready', '/metrics']);

/**
 * The process's one pino logger: JSON lines on stdout (synchronous writes of one short line,
 * cheap), or with LOG_FORMAT=pretty one readable line through pino-pretty (a dev dependency,
 * in a worker thread). Its level is LOG_LEVEL.
 */
export function createRootLogger(config: AppConfig, destination?: DestinationStream): PinoRoot {
  const options = {
    level: config.logLevel,
    base: { pid: process.pid },
    // Nothing that identifies a person is logged by the request lines; this is the net for the rest.
    redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'headers.cookie'], remove: true },
  };
  if (destination) return pino(options, destination);
  if (config.observability.logFormat === 'pretty') {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  return pino(options);
}

/**
 * One line per request (pino-http), written when the response is finished: request id, user,
 * method, route pattern, status and milliseconds. The request's logger (`req.log`, and Nest's
 * Logger inside the request through nestjs-pino) carries the request id, so an error logged
 * while serving it names the request too.
 */
export function httpLogger(root: PinoRoot): RequestHandler {
  const line = (req: IncomingMessage, res: ServerResponse) => {
    const request = req as Request;
    return {
      user: userOf(request),
      method: request.method,
      route: routeOf(request),
      status: res.statusCode,
      ms: requestMs(request),
    };
  };
  return pinoHttp({
    logger: root,
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined) ?? '',
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    quietResLogger: true,
    customLogLevel: (req, res) => {
      // A probe's 503 is its answer (database down, draining), not a failure of the request.
      if (QUIET_ROUTES.has(routeOf(req as Request))) return res.statusCode >= 500 ? 'warn' : 'debug';
      return res.statusCode >= 500 ? 'error' : 'info';
    },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    customSuccessObject: (req, res) => line(req, res),
    customErrorObject: (req, res) => line(req, res),
  }) as unknown as RequestHandler;
}

/**
 * A Nest LoggerService on a pino logger, for what a process logs before (or without) an
 * application: main.ts's start, the embedded PostgreSQL, the cluster's primary. Inside the
 * application nestjs-pino's Logger takes over (app.useLogger), in the same format.
 */
export function processLogger(root: PinoRoot): LoggerService {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'trace') =>
    (message: unknown, ...rest: unknown[]) => {
      const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
      if (typeof message === 'object' && message !== null) root[level]({ context, ...message });
      else root[level]({ context }, String(message));
    };
  return {
    log: write('info'),
    error: write('error'),
    warn: write('warn'),
    debug: write('debug'),
    verbose: write('trace'),
    fatal: write('fatal'),
  };
}
