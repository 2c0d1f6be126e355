import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly, CsrfExempt, Public, SignedIn } from '../common/auth/policy.js';
import { ProblemException } from '../common/problem.js';
import { isUuid } from '../common/uuid.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import { SignDto } from './dto/sign.dto.js';
import { SigningService } from './signing.service.js';
import { signResponsePage } from './dss/sign-response-page.js';
import { CertificateView, SignedAnswer, SignRequestView, SignServiceForm } from './signing.types.js';

/**
 * The signing window's API. Any signed-in person may call it; the service shows a request to its
 * signer only and answers 404 to everyone else. Unlocking certificates is for administrators.
 */
@Controller('signing')
@ApiTags('signing')
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  /** Declared before `:requestId` so that the word is not taken for an id. */
  @Get('certificates')
  @AdminOnly()
  @ApiQuery({ name: 'personId', schema: { type: 'string', format: 'uuid' } })
  @ApiOkResponse({ type: CertificateView, isArray: true, description: "The person's signing certificates." })
  certificatesOfPerson(@Query('personId') personId: string): Promise<CertificateView[]> {
    return this.signing.certificatesOfPerson(personId ?? '');
  }

  @Post('certificates/:id/unlock')
  @AdminOnly()
  @HttpCode(200)
  @ApiOkResponse({ type: CertificateView })
  unlock(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CertificateView> {
    return this.signing.unlockCertificate(actor, id);
  }

  /**
   * Where a DSS signing service posts its SignResponse (the browser binding: a cross-site form
   * post, so without the session cookie). Answers a small page that goes on to the signing window,
   * which shows what became of the request; a response that could not be used, with why.
   */
  @Post('dss/response')
  @Public()
  @CsrfExempt()
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        Binding: { type: 'string', enum: ['POST/XML/1.0'] },
        RelayState: { type: 'string', description: 'The sign request id.' },
        EidSignResponse: {
          type: 'string',
          description: "The signing service's signed SignResponse, base64.",
        },
      },
      required: ['RelayState', 'EidSignResponse'],
    },
  })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'A page that goes on to the signing window (signed, or failed with the reason); 400/404/409/410 pages when the response could not be used.',
    schema: { type: 'string' },
  })
  async signResponse(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html');
    const relayState = typeof body?.RelayState === 'string' ? body.RelayState : '';
    const signResponse = typeof body?.EidSignResponse === 'string' ? body.EidSignResponse : '';
    try {
      if (!signResponse || (body.Binding !== undefined && body.Binding !== 'POST/XML/1.0')) {
        throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          'sign-response-refused',
          'Svaret från signeringstjänsten saknas eller har fel form.',
        );
      }
      const outcome = await this.signing.completeSignResponse({ relayState, signResponse });
      res.status(HttpStatus.OK).send(signResponsePage({ requestId: outcome.requestId }));
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      const known = isUuid(relayState) && error.getStatus() !== HttpStatus.NOT_FOUND;
      res.status(error.getStatus()).send(
        signResponsePage({
          problem: error.toProblem().detail ?? '',
          ...(known ? { requestId: relayState } : {}),
        }),
      );
    }
  }

  /** For a DSS signing service: the form the signing window posts there (the browser binding). */
  @Get(':requestId/sign-service-form')
  @SignedIn()
  @ApiOkResponse({ type: SignServiceForm })
  signServiceForm(
    @CurrentActor() actor: Actor,
    @Param('requestId') requestId: string,
  ): Promise<SignServiceForm> {
    return this.signing.signServiceForm(actor, requestId);
  }

  @Get(':requestId')
  @SignedIn()
  @ApiOkResponse({ type: SignRequestView })
  view(@CurrentActor() actor: Actor, @Param('requestId') requestId: string): Promise<SignRequestView> {
    return this.signing.view(actor, requestId);
  }

  @Get(':requestId/certificates')
  @SignedIn()
  @ApiOkResponse({ type: CertificateView, isArray: true, description: "The signer's certificates." })
  certificates(
    @CurrentActor() actor: Actor,
    @Param('requestId') requestId: string,
  ): Promise<CertificateView[]> {
    return this.signing.certificatesFor(actor, requestId);
  }

  @Post(':requestId/sign')
  @SignedIn()
  @HttpCode(200)
  @ApiOkResponse({ type: SignedAnswer })
  sign(
    @CurrentActor() actor: Actor,
    @Param('requestId') requestId: string,
    @Body() dto: SignDto,
  ): Promise<SignedAnswer> {
    return this.signing.sign(actor, requestId, dto);
  }
}
