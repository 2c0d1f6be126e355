import { Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Public } from '../common/auth/policy.js';
import { SessionsService } from './sessions.service.js';

@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The session's CSRF token; an anonymous pre-session is started so that sign-in can carry one. */
  @Get('csrf')
  @Public()
  async csrf(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ token: string }> {
    res.setHeader('Cache-Control', 'no-store');
    const session = await this.sessions.ensure(req, res);
    return { token: session.csrfToken };
  }

  /** What the sign-in page offers. */
  @Get('methods')
  @Public()
  methods(): { saml: boolean; dev: boolean } {
    return { saml: this.config.auth.saml !== undefined, dev: this.config.auth.devLogin };
  }

  /** Ends the session on the server; signing out twice is no error. */
  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.end(req, res);
  }
}
