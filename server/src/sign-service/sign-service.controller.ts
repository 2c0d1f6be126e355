import { Body, Controller, Get, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CsrfExempt, Public } from '../common/auth/policy.js';
import { notFound, ProblemException } from '../common/problem.js';
import { postBackPage, refusedPage } from './sign-service-pages.js';
import { type PostBack, SignServiceService } from './sign-service.service.js';

/**
 * BEH's own signing service (SIGNING_PROVIDER=federated): the SignRequest arrives by the signer's
 * browser, the IdP's answer by the browser too, and the SignResponse leaves by the browser. All
 * three are cross-site form posts, so the routes are public and exempt from CSRF; what protects
 * them is the signatures (the requester's, the IdP's) and the single use of each request. Without
 * federated signing configured, every route is a 404.
 */
@Controller('sign-service')
@ApiTags('sign-service')
export class SignServiceController {
  constructor(private readonly service: SignServiceService) {}

  @Get('metadata')
  @Public()
  @ApiProduces('application/samlmetadata+xml')
  @ApiOkResponse({
    description: "The signing service's SAML SP metadata, for the IdP.",
    schema: { type: 'string' },
  })
  metadata(@Res() res: Response): void {
    this.assertEnabled();
    res.type('application/samlmetadata+xml').send(this.service.metadata());
  }

  @Post('sign')
  @Public()
  @CsrfExempt()
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        Binding: { type: 'string', enum: ['POST/XML/1.0'] },
        RelayState: { type: 'string' },
        EidSignRequest: { type: 'string', description: "The requester's signed SignRequest, base64." },
      },
      required: ['Binding', 'EidSignRequest'],
    },
  })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'A 302 to the IdP (a fresh sign-in with the SignMessage); a page posting an error SignResponse back to the requester; 400/409 pages for a request that cannot be used.',
    schema: { type: 'string' },
  })
  async sign(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    await this.answer(res, async () => {
      const outcome = await this.service.accept(body ?? {});
      if ('redirect' in outcome) {
        res.redirect(HttpStatus.FOUND, outcome.redirect);
        return undefined;
      }
      return outcome;
    });
  }

  @Post('acs')
  @Public()
  @CsrfExempt()
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        SAMLResponse: { type: 'string', description: "The IdP's signed response, base64." },
        RelayState: { type: 'string', description: "The signing service's request id." },
      },
      required: ['SAMLResponse', 'RelayState'],
    },
  })
  @ApiProduces('text/html')
  @ApiOkResponse({
    description:
      'A page that posts the signed SignResponse back to the requester; 400/401/409 pages when the sign-in cannot be used.',
    schema: { type: 'string' },
  })
  async acs(@Body() body: Record<string, unknown>, @Res() res: Response): Promise<void> {
    this.assertEnabled();
    await this.answer(res, () => this.service.consume(body ?? {}));
  }

  private async answer(res: Response, run: () => Promise<PostBack | undefined>): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    try {
      const back = await run();
      if (!back) return;
      const { html, csp } = postBackPage(back.returnUrl, back.fields);
      res.setHeader('Content-Security-Policy', csp);
      res.status(HttpStatus.OK).type('html').send(html);
    } catch (error) {
      if (!(error instanceof ProblemException)) throw error;
      res
        .status(error.getStatus())
        .type('html')
        .send(refusedPage(error.toProblem().detail ?? ''));
    }
  }

  private assertEnabled(): void {
    if (!this.service.enabled) throw notFound('Signeringstjänsten');
  }
}
