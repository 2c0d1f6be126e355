import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { describeMe, Me } from './me.js';
import { SignedIn } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import { Clock } from '../common/clock.js';
import { standingInFor } from '../delegations/stand-ins.reads.js';

@Controller('me')
@ApiTags('auth')
export class MeController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * The signed-in person, their derived roles, per unit what they may do, whom they stand in for
   * today, and the start page's tiles.
   */
  @Get()
  @SignedIn()
  @ApiOkResponse({ type: Me })
  async me(@CurrentActor() actor: Actor): Promise<Me> {
    return describeMe(actor, await standingInFor(this.db, actor.person.id, this.clock.today()));
  }
}
