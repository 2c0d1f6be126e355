import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AdminOnly, SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import { SignDto } from './dto/sign.dto.js';
import { SigningService } from './signing.service.js';
import { CertificateView, SignedAnswer, SignRequestView } from './signing.types.js';

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
