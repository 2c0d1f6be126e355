import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { languageOf, localizeBody } from './localize.js';

/**
 * Answers' messages in the language the UI asks for (`Accept-Language`, Swedish by default): the
 * rule texts of a mass order's check, an import's refused lines and the like. Refusals are
 * translated by the problem filter; data (names, titles of assignments) never is.
 */
@Injectable()
export class LocalizeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const language = languageOf(http.getRequest<Request>().headers['accept-language']);
    const response = http.getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (!response.headersSent) response.vary('Accept-Language');
        return localizeBody(body, language);
      }),
    );
  }
}
