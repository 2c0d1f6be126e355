import { Controller, Get, Injectable, Param, Res } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import type { Response } from 'express';
import path from 'node:path';
import { AdminOnly, Public } from '../common/auth/policy.js';
import { notFound } from '../common/problem.js';
import { DOCS_CSP, DOCS_PAGE, DOCS_SCRIPT, SWAGGER_UI_FILES, swaggerUiDir } from './api-docs-page.js';
import { ApiDocsService } from './api-docs.service.js';

/**
 * The API description (`/api/docs/openapi.json`) and a page that shows it with Swagger UI's own
 * files, served as ordinary routes so that the global guard decides who sees them like any other:
 * two controllers with the same routes, one chosen per mode (ApiDocsModule).
 */
@Injectable()
export abstract class ApiDocsRoutes {
  private readonly assetsDir = swaggerUiDir();

  constructor(private readonly docs: ApiDocsService) {}

  @Get()
  page(@Res() res: Response): void {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.type('html').send(DOCS_PAGE);
  }

  @Get('openapi.json')
  document(): OpenAPIObject {
    return this.docs.document();
  }

  @Get('assets/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (file === 'docs.js') {
      res.type('text/javascript; charset=utf-8').send(DOCS_SCRIPT);
      return;
    }
    const type = Object.hasOwn(SWAGGER_UI_FILES, file) ? SWAGGER_UI_FILES[file] : undefined;
    if (!type) throw notFound('Filen');
    res.setHeader('Cache-Control', 'private, max-age=3600');
    res.type(type).sendFile(path.join(this.assetsDir, file));
  }
}

/** Production and test: the description shows every route and rule, so administrators only. */
@Controller('docs')
@AdminOnly()
@ApiExcludeController()
export class AdminApiDocsController extends ApiDocsRoutes {}

/** Development: for anyone, as the development sign-in already lets anyone be anyone. */
@Controller('docs')
@Public()
@ApiExcludeController()
export class PublicApiDocsController extends ApiDocsRoutes {}
