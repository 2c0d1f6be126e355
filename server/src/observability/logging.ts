import type { LoggerService } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';
import { pino, type DestinationStream, type Logger as PinoRoot } from 'pino';
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

/** A probe's 503 is its answer (database down, draining), not a failure of the request. */
const lineLevel = (route: string, status: number) =>
  QUIET_ROUTES.has(route) ? (status >= 500 ? 'warn' : 'debug') : status >= 500 ? 'error' : 'info';

/**
 * One line per request, written when the response is finished (or the client went away): request
 * id, user, method, route pattern, status and milliseconds. The request's logger (`req.log`, and
 * Nest's Logger inside the request through nestjs-pino) carries the request id, so an error logged
 * while serving it names the request too.
 *
 * Written here rather than with pino-http, whose line this is: pino-http serialised and redacted
 * the whole request into each request's child logger, whether or not anything was logged, which
 * was 7 % of the CPU of a person lookup at 20 requests in flight (issue 11); the line is built only
 * when its level is on.
 */
export function httpLogger(root: PinoRoot): RequestHandler {
  return (req, res, next) => {
    const requestId = req.headers['x-request-id'];
    const log = root.child({ requestId: typeof requestId === 'string' ? requestId : '' });
    (req as Request & { log: PinoRoot }).log = log;
    res.once('close', () => {
      const route = routeOf(req);
      const level = lineLevel(route, res.statusCode);
      if (!log.isLevelEnabled(level)) return;
      log[level](
        { user: userOf(req), method: req.method, route, status: res.statusCode, ms: requestMs(req) },
        'request',
      );
    });
    next();
  };
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
