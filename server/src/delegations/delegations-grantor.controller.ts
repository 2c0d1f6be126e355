import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Delegator } from '../common/auth/policy.js';
import { type Actor, CurrentActor } from '../common/auth/request-auth.js';
import { DelegationsGrantorService } from './delegations-grantor.service.js';
import { GrantorChangedItem } from './delegations-grantor.types.js';

/**
 * Delegations whose grantor is no longer head of the unit (issue 15, point 4): listed for the
 * unit's head (administrators: all), who confirms or ends each. Heads and administrators only;
 * the service checks the very unit.
 */
@Controller('delegation-confirmations')
@ApiTags('delegations')
export class DelegationsGrantorController {
  constructor(private readonly grantor: DelegationsGrantorService) {}

  @Get()
  @Delegator()
  @ApiOkResponse({ type: [GrantorChangedItem] })
  list(@CurrentActor() actor: Actor): Promise<GrantorChangedItem[]> {
    return this.grantor.list(actor);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Delegator()
  @ApiOkResponse({ type: GrantorChangedItem, description: 'Confirmed: the head is now its grantor.' })
  confirm(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<GrantorChangedItem> {
    return this.grantor.confirm(actor, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Delegator()
  @ApiOkResponse({ type: GrantorChangedItem, description: 'Ended: revoked now.' })
  end(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<GrantorChangedItem> {
    return this.grantor.end(actor, id);
  }
}
