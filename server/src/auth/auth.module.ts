import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiClientsModule } from '../api-clients/api-clients.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DelegationsModule } from '../delegations/delegations.module.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { DevLoginController } from './dev-login.controller.js';
import { MeController } from './me.controller.js';
import { SamlController } from './saml/saml.controller.js';
import { SamlService } from './saml/saml.service.js';
import { SessionsService } from './sessions.service.js';
import { SignInService } from './sign-in.service.js';

/**
 * Sign-in (development page and SAML), sessions and CSRF. Its AuthGuard is global: every route of
 * every module passes it, and it derives the signed-in person's rights with the delegations
 * module's RightsService; API clients' bearer tokens it checks with the api-clients module.
 */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AuthModule,
      // SamlService is the IdP as BEH knows it; BEH's own signing service signs people in there too.
      global: true,
      imports: [DelegationsModule, ApiClientsModule],
      controllers: [
        AuthController,
        MeController,
        SamlController,
        // Not even registered in production: the routes do not exist there.
        ...(config.auth.devLogin ? [DevLoginController] : []),
      ],
      providers: [SessionsService, SignInService, SamlService, { provide: APP_GUARD, useClass: AuthGuard }],
      exports: [SamlService],
    };
  }
}
