import { Controller, Get, HttpStatus, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ProblemException } from '../../common/problem.js';
import { CsrfExempt, Public } from '../../common/auth/policy.js';
import { SessionsService } from '../sessions.service.js';
import { SignInService } from '../sign-in.service.js';
import { safeRelayState } from './relay-state.js';
import {
  continuePage,
  failedLogoutPage,
  failedSignInPage,
  idpUnavailablePage,
  inactivePersonPage,
  lowAssurancePage,
  unknownPersonPage,
} from './saml-pages.js';
import { SamlService } from './saml.service.js';

@Controller('auth/saml')
@ApiTags('auth')
export class SamlController {
  constructor(
    private readonly saml: SamlService,
    private readonly signIns: SignInService,
    private readonly sessions: SessionsService,
  ) {}

  @Get('metadata')
  @Public()
  @ApiProduces('application/samlmetadata+xml')
  @ApiOkResponse({ description: "The service provider's SAML metadata.", schema: { type: 'string' } })
  metadata(@Res() res: Response): void {
    this.assertEnabled();
    this.assertReady();
    res.type('application/samlmetadata+xml').send(this.saml.metadata());
  }

  /** Starts sign-in at the IdP; `relayState` is where to land afterwards, a path inside the portal. */
  @Get('login')
  @Public()
  @ApiQuery({
    name: 'relayState',
    required: false,
    schema: { type: 'string' },
    description: 'Where to land afterwards: a path inside the portal.',
  })
  @ApiFoundResponse({ description: 'To the IdP, with the AuthnRequest.' })
  async login(
    @Query('relayState') relayState: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.assertEnabled();
    if (this.answeredUnavailable(res)) return;
    await this.saml.login(req, res, safeRelayState(relayState));
  }

  /** The assertion consumer: the IdP's signed response arrives here as a cross-site form post. */
  @Post('acs')
  @Public()
  @CsrfExempt()
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        SAMLResponse: { type: 'string', description: "The IdP's signed response, base64." },
        RelayState: { type: 'string' },
      },
      required: ['SAMLResponse'],
    },
  })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'Signed in: a page that continues to the RelayState. 401 (signature, audience, …) and 403 (unknown or inactive person, level of assurance below SAML_LOA) are pages too.',
    schema: { type: 'string' },
  })
  async acs(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    if (this.answeredUnavailable(res)) return;
    res.setHeader('Cache-Control', 'no-store');
    res.type('html');
    const outcome = await this.saml.consume(req, res);
    if (outcome.kind === 'invalid') {
      res.status(HttpStatus.UNAUTHORIZED).send(failedSignInPage());
      return;
    }
    if (outcome.kind === 'low-assurance') {
      res.status(HttpStatus.FORBIDDEN).send(lowAssurancePage(outcome.required, outcome.given));
      return;
    }
    const found = outcome.kind === 'verified' ? await this.signIns.personByHsaId(outcome.hsaId) : undefined;
    if (!found) {
      res
        .status(HttpStatus.FORBIDDEN)
        .send(unknownPersonPage(outcome.kind === 'verified' ? outcome.hsaId : undefined));
      return;
    }
    if (!found.active) {
      // Gone from the directory (KIV): the IdP may still vouch for them, BEH does not let them in.
      res.status(HttpStatus.FORBIDDEN).send(inactivePersonPage());
      return;
    }
    const subject = outcome.kind === 'verified' ? outcome.subject : undefined;
    await this.signIns.signIn(req, res, found.person, 'SAML', subject);
    const body = req.body as Record<string, unknown> | undefined;
    res.status(HttpStatus.OK).send(continuePage(safeRelayState(body?.RelayState)));
  }

  /**
   * Single logout (HTTP-POST binding, as the metadata says; the IdP posts it cross-site): the
   * IdP's LogoutRequest ends the sessions of the person it names and is answered with BEH's signed
   * LogoutResponse (a redirect to the IdP); the IdP's LogoutResponse to BEH's own request (the
   * session already ended at POST /api/auth/logout) leads back to the sign-in page.
   */
  @Post('slo')
  @Public()
  @CsrfExempt()
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        SAMLRequest: { type: 'string', description: "The IdP's signed LogoutRequest, base64." },
        SAMLResponse: { type: 'string', description: "The IdP's signed LogoutResponse, base64." },
        RelayState: { type: 'string' },
      },
    },
  })
  @ApiProduces('text/html')
  @ApiFoundResponse({
    description: "To the IdP with BEH's LogoutResponse, or (after BEH's own logout) to the sign-in page.",
  })
  @ApiBadRequestResponse({ description: 'A logout message that could not be accepted: a page.' })
  async slo(@Req() req: Request, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    if (this.answeredUnavailable(res)) return;
    if (!this.saml.sloEnabled) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'not-found',
        'Utloggning med SAML är inte konfigurerad.',
      );
    }
    res.setHeader('Cache-Control', 'no-store');
    const outcome = await this.saml.consumeLogout(req.body);
    if (outcome.kind === 'logout-response') {
      res.redirect(HttpStatus.FOUND, '/');
      return;
    }
    if (outcome.kind === 'invalid') {
      res.status(HttpStatus.BAD_REQUEST).type('html').send(failedLogoutPage());
      return;
    }
    await this.sessions.endSamlSessions(outcome.subject);
    res.redirect(HttpStatus.FOUND, await outcome.answer(true));
  }

  private assertEnabled(): void {
    if (!this.saml.enabled) {
      throw new ProblemException(
        HttpStatus.NOT_FOUND,
        'not-found',
        'Inloggning med SAML är inte konfigurerad.',
      );
    }
  }

  /** The IdP's metadata (SAML_IDP_METADATA_URL) not yet read, its address down: for machines. */
  private assertReady(): void {
    if (!this.saml.ready) {
      throw new ProblemException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'idp-unavailable',
        'Inloggning med SITHS går inte just nu: uppgifterna om inloggningstjänsten har inte kunnat hämtas. Försök igen om en stund.',
      );
    }
  }

  /** The same for a person's browser, which arrives at sign-in and logout by navigating: a page. */
  private answeredUnavailable(res: Response): boolean {
    if (this.saml.ready) return false;
    res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '60');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(idpUnavailablePage());
    return true;
  }
}
