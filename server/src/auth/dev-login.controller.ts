import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import { Prop } from '../common/api-schema.js';
import { ProblemException } from '../common/problem.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { SessionPerson } from '../common/auth/request-auth.js';
import { findPersonSql } from '../directory/directory.reads.js';
import { DevLoginDto } from './dto/dev-login.dto.js';
import { DEV_PERSONAS } from './dev-personas.js';
import { Me } from './me.js';
import { Public } from '../common/auth/policy.js';
import { INACTIVE_PERSON_SIGN_IN, SignInService } from './sign-in.service.js';

/** A persona offered by the development sign-in (a class only so that the OpenAPI description shows it). */
export class DevUser {
  @Prop.text({ description: 'VGR-ID.' }) userId!: string;
  @Prop.text() firstName!: string;
  @Prop.text() lastName!: string;
  @Prop.text({ nullable: true }) title!: string | null;
  @Prop.text({ description: 'What the persona demonstrates, in Swedish.' }) description!: string;
}

const NOT_IN_PRODUCTION = 'There is no development sign-in in production, nor when DEV_LOGIN is off.';

/**
 * Development sign-in: anyone, as anyone, without a password. On by default in development and
 * test; in production it does not exist (404), whatever DEV_LOGIN says.
 */
@Controller('auth')
@ApiTags('auth')
export class DevLoginController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly signIns: SignInService,
  ) {}

  /** The demo personas (DEV_PERSONAS) that exist in the directory, for the sign-in page. */
  @Get('dev-users')
  @Public()
  @ApiOkResponse({ type: DevUser, isArray: true })
  @ApiNotFoundResponse({ description: NOT_IN_PRODUCTION })
  async devUsers(): Promise<DevUser[]> {
    this.assertEnabled();
    const rows = await this.db.query<{ person: SessionPerson; active: boolean }[]>(
      findPersonSql('userIds', '$1'),
      [DEV_PERSONAS.map((p) => p.userId)],
    );
    // A persona gone from the directory (KIV) cannot sign in, so it is not offered.
    const byUserId = new Map(
      rows.filter(({ active }) => active).map(({ person }) => [person.userId.toLowerCase(), person]),
    );
    return DEV_PERSONAS.flatMap(({ userId, description }) => {
      const person = byUserId.get(userId.toLowerCase());
      if (!person) return [];
      const { firstName, lastName, title } = person;
      return [{ userId: person.userId, firstName, lastName, title, description }];
    });
  }

  @Post('dev-login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: Me, description: 'Signed in: the session cookie is set.' })
  @ApiNotFoundResponse({ description: NOT_IN_PRODUCTION })
  async devLogin(
    @Body() dto: DevLoginDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Me> {
    this.assertEnabled();
    const found = await this.signIns.personByUserId(dto.userId);
    if (!found) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'unknown-user',
        'Det finns ingen person med det VGR-ID:t.',
        {
          errors: { userId: ['finns inte i katalogen'] },
        },
      );
    }
    // Gone from the directory (KIV): no sign-in, as SAML's page says too.
    if (!found.active) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'person-inactive', INACTIVE_PERSON_SIGN_IN, {
        code: 'PERSON_INACTIVE',
      });
    }
    return this.signIns.signIn(req, res, found.person, 'DEV');
  }

  private assertEnabled(): void {
    // Checked on every call, and production is checked besides the flag, as a second lock.
    if (!this.config.auth.devLogin || this.config.nodeEnv === 'production') {
      throw new ProblemException(HttpStatus.NOT_FOUND, 'not-found', 'Sidan eller resursen finns inte.');
    }
  }
}
