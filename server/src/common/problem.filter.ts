import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
} from 'typeorm';
import { languageOf, localizeProblem } from './messages/localize.js';
import { type ProblemBody, ProblemException, problemTitle } from './problem.js';
import { routeOf } from './request-id.middleware.js';

interface PgError {
  code?: string;
  constraint?: string;
}

/**
 * The one place where errors become HTTP answers: domain problems keep their type, framework
 * errors get a problem body, database constraint violations a 409, anything else a generic
 * 500 that is logged with the request id and reveals nothing.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const problem = this.toProblem(exception, request, response);
    if (response.headersSent) return;
    // Swedish unless the UI (or a client) asks for English: title, detail, errors and rule texts.
    response.vary('Accept-Language');
    response
      .status(problem.status)
      .type('application/problem+json')
      .json(localizeProblem(problem, languageOf(request.headers['accept-language'])));
  }

  private toProblem(exception: unknown, request: Request, response: Response): ProblemBody {
    if (exception instanceof ProblemException) return exception.toProblem();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? (body as { message: unknown }).message
          : undefined;
      return {
        type: status === 404 ? 'urn:beh:problem:not-found' : 'about:blank',
        title: problemTitle(status),
        status,
        detail: status === 404 ? 'Sidan eller resursen finns inte.' : swedishDetail(status, message),
      };
    }
    const pg = (exception instanceof QueryFailedError ? exception.driverError : undefined) as
      PgError | undefined;
    if (pg?.code === '23505') {
      return {
        type: 'urn:beh:problem:conflict',
        title: problemTitle(409),
        status: 409,
        detail: 'Det finns redan en post med samma unika värde.',
        constraint: pg.constraint,
      };
    }
    if (pg?.code === '23503') {
      return {
        type: 'urn:beh:problem:in-use',
        title: problemTitle(409),
        status: 409,
        detail: 'Posten hänger ihop med andra uppgifter och kan inte tas bort eller ändras så.',
      };
    }
    const outage = databaseUnavailable(exception);
    if (outage) {
      // Not a fault of this request, nor of the code: said once per request, without a stack.
      this.logger.warn({
        msg: outage === 'timeout' ? 'Database statement timed out' : 'Database unreachable',
        requestId: request.headers['x-request-id'],
        error: describeError(exception),
      });
      if (!response.headersSent) response.setHeader('Retry-After', '5');
      return outage === 'timeout'
        ? {
            type: 'urn:beh:problem:database-timeout',
            title: problemTitle(503),
            status: 503,
            detail: 'Databasen svarade inte i tid. Försök igen om en stund.',
          }
        : {
            type: 'urn:beh:problem:database-unavailable',
            title: problemTitle(503),
            status: 503,
            detail: 'Databasen går inte att nå just nu. Försök igen om en stund.',
          };
    }
    this.logger.error(
      // The route pattern, not the URL: a URL's path and query may hold a personnummer.
      { msg: 'Unhandled error', requestId: request.headers['x-request-id'], route: routeOf(request) },
      exception instanceof Error ? exception.stack : String(exception),
    );
    return {
      type: 'about:blank',
      title: problemTitle(500),
      status: 500,
      detail: 'Ett oväntat fel inträffade. Försök igen eller kontakta support och ange anrops-id.',
    };
  }
}

/** SQLSTATE classes and codes of a database that is gone or going (not of a bad statement). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']);
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES =
  /terminating connection due to|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|connection to the database|Cannot use a pool after calling end/i;

/**
 * Whether an error means the database cannot serve right now: 'timeout' for a statement
 * cancelled by statement_timeout (57014), 'unreachable' for a refused, dropped or closing
 * connection (the node codes, SQLSTATE class 08, admin/crash shutdown — 57P01 when a backend is
 * terminated, 57P02, 57P03 —, too many connections), else undefined. Looks through TypeORM's
 * QueryFailedError and an error's cause. TypeORM's "query runner already released" errors count
 * as unreachable: a query runner is released under a request when its connection is lost (TypeORM
 * releases it on the connection's 'error'), and the request's next statement or ROLLBACK then
 * fails with them instead of with the SQLSTATE.
 */
export function databaseUnavailable(error: unknown): 'timeout' | 'unreachable' | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (e instanceof QueryRunnerAlreadyReleasedError || e instanceof QueryRunnerProviderAlreadyReleasedError)
      return 'unreachable';
    const candidate = e as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (code === '57014') return 'timeout';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_NODE_CODES.has(code))
      return 'unreachable';
    if (typeof candidate.message === 'string' && UNAVAILABLE_MESSAGES.test(candidate.message))
      return 'unreachable';
    e = candidate.driverError ?? candidate.cause;
  }
  return undefined;
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}

function swedishDetail(status: number, message: unknown): string {
  if (status === 400 && typeof message === 'string' && /JSON/i.test(message)) {
    return 'Begäran innehåller felaktig JSON.';
  }
  if (status === 413) return 'Begäran är för stor.';
  return problemTitle(status) + '.';
}
