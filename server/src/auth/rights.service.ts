import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DelegationsService } from '../delegations/delegations.service.js';
import type { SessionPerson } from './request-auth.js';
import { type HeadedUnit, Rights } from './rights.js';

/**
 * Derives a person's rights from their sources: the directory's head of unit, the active
 * delegations (dates against Stockholm's today, not revoked) and the administrators named by
 * ADMIN_USER_IDS or flagged in the directory.
 */
@Injectable()
export class RightsService {
  private readonly configuredAdmins: Set<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly delegations: DelegationsService,
    private readonly clock: Clock,
  ) {
    this.configuredAdmins = new Set(config.auth.adminUserIds.map((id) => id.toLowerCase()));
  }

  async forPerson(person: Pick<SessionPerson, 'id' | 'userId' | 'isAdministrator'>): Promise<Rights> {
    // The head of a unit is a fact of the directory (KIV), read where the directory keeps it.
    const headed = await this.db.query<HeadedUnit[]>(
      `SELECT id, name, hsa_id AS "hsaId" FROM care_unit WHERE head_of_unit_id = $1`,
      [person.id],
    );
    const grants = await this.delegations.activeGrantsFor(person.id, this.clock.today());
    const administrator = person.isAdministrator || this.configuredAdmins.has(person.userId.toLowerCase());
    return new Rights(person.id, administrator, headed, grants);
  }
}
