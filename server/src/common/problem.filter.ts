import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { type ProblemBody, ProblemException, problemTitle } from './problem.js';

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
    const problem = this.toProblem(exception, request);
    if (response.headersSent) return;
    response.status(problem.status).type('application/problem+json').json(problem);
  }

  private toProblem(exception: unknown, request: Request): ProblemBody {
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
    this.logger.error(
      { msg: 'Unhandled error', requestId: request.headers['x-request-id'], path: request.originalUrl },
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

function swedishDetail(status: number, message: unknown): string {
  if (status === 400 && typeof message === 'string' && /JSON/i.test(message)) {
    return 'Begäran innehåller felaktig JSON.';
  }
  if (status === 413) return 'Begäran är för stor.';
  return problemTitle(status) + '.';
}
