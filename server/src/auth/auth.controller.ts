import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Prop } from '../common/api-schema.js';
import { Public } from '../common/auth/policy.js';
import { SamlService } from './saml/saml.service.js';
import { SessionsService } from './sessions.service.js';

/** The answers below are classes only so that the OpenAPI description shows them. */
export class CsrfToken {
  @Prop.text({ description: 'Send it in X-CSRF-Token with every state-changing request.' }) token!: string;
}

/** Signed out of BEH; the browser is to go on to the IdP to sign out there too (single logout). */
export class SignedOut {
  @Prop.text({ description: "The IdP's single logout service with BEH's signed LogoutRequest." })
  idpLogoutUrl!: string;
}

/** The sign-in methods the server offers. */
export class AuthMethods {
  @Prop.bool() saml!: boolean;
  @Prop.bool() dev!: boolean;
}

@Controller('auth')
@ApiTags('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly saml: SamlService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The session's CSRF token. An anonymous visitor gets one for the sign-in POST with a signed
   * cookie and no row (SessionsService.ensure).
   */
  @Get('csrf')
  @Public()
  @ApiOkResponse({ type: CsrfToken })
  async csrf(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CsrfToken> {
    res.setHeader('Cache-Control', 'no-store');
    const session = await this.sessions.ensure(req, res);
    return { token: session.csrfToken };
  }

  /** What the sign-in page offers. */
  @Get('methods')
  @Public()
  @ApiOkResponse({ type: AuthMethods })
  methods(): AuthMethods {
    return { saml: this.config.auth.saml !== undefined, dev: this.config.auth.devLogin };
  }

  /**
   * Ends the session on the server; signing out twice is no error. A session signed in through
   * the IdP, with single logout configured, answers where the browser is to sign out at the IdP.
   */
  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Signed out (also when there was no session).' })
  @ApiOkResponse({
    type: SignedOut,
    description: 'Signed out of BEH; go on to idpLogoutUrl to sign out at the IdP (SAML single logout).',
  })
  async logout(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignedOut | undefined> {
    const subject = await this.sessions.end(req, res);
    if (!subject || !this.saml.sloEnabled) return undefined;
    res.status(HttpStatus.OK);
    return { idpLogoutUrl: await this.saml.logoutRedirect(subject) };
  }
}
