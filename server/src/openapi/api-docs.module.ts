import { type DynamicModule, Module } from '@nestjs/common';
import type { NodeEnv } from '../config/app-config.js';
import { AdminApiDocsController, PublicApiDocsController } from './api-docs.controller.js';
import { ApiDocsService } from './api-docs.service.js';

/** `/api/docs`: the OpenAPI description, for administrators, and for anyone in development. */
@Module({})
export class ApiDocsModule {
  static forRoot(nodeEnv: NodeEnv): DynamicModule {
    return {
      module: ApiDocsModule,
      controllers: [nodeEnv === 'development' ? PublicApiDocsController : AdminApiDocsController],
      providers: [ApiDocsService],
      exports: [ApiDocsService],
    };
  }
}
