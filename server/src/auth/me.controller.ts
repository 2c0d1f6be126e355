import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { describeMe, Me } from './me.js';
import { SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';

@Controller('me')
@ApiTags('auth')
export class MeController {
  /** The signed-in person, their derived roles, per unit what they may do, and the start page's tiles. */
  @Get()
  @SignedIn()
  @ApiOkResponse({ type: Me })
  me(@CurrentActor() actor: Actor): Me {
    return describeMe(actor);
  }
}
