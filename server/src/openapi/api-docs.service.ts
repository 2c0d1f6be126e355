import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * Holds how to build the OpenAPI description. It is built from the application itself, which
 * exists only once Nest has created it, so createApp hands the builder over; the description is
 * built on the first request and kept (routes do not change while the process runs).
 */
@Injectable()
export class ApiDocsService {
  private build?: () => OpenAPIObject;
  private built?: OpenAPIObject;

  useBuilder(build: () => OpenAPIObject): void {
    this.build = build;
    this.built = undefined;
  }

  document(): OpenAPIObject {
    if (!this.build) throw new Error('ApiDocsService: createApp has not handed over the document builder');
    this.built ??= this.build();
    return this.built;
  }
}
