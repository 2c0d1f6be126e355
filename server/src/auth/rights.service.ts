import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DelegationsService } from '../delegations/delegations.service.js';
import type { SessionPerson } from '../common/auth/request-auth.js';
import { type HeadedUnit, Rights } from '../common/auth/rights.js';

/** A person as lists of who may act show them. */
export interface PersonBrief {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
}

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

  /**
   * Who may attest on a care unit: its head, and each holder of active ATTEST delegations there
   * that together cover every one of `assignmentIds` (none given: any ATTEST delegation for the
   * unit). The rule of Rights.mayAttest turned around, so that the list is one query; kept here
   * beside forPerson so that the two cannot drift apart.
   */
  async attestantsOf(careUnitId: string, assignmentIds: readonly string[] = []): Promise<PersonBrief[]> {
    return this.db.query<PersonBrief[]>(
      `WITH active AS (
         SELECT d.id, d.delegate_id FROM delegation d
          WHERE d.care_unit_id = $1 AND d.may_attest AND d.revoked_at IS NULL
            AND d.valid_from <= $3::date AND (d.valid_to IS NULL OR d.valid_to >= $3::date)
       ), covering AS (
         SELECT a.delegate_id FROM active a GROUP BY a.delegate_id
         HAVING NOT EXISTS (
           SELECT 1 FROM unnest($2::uuid[]) AS wanted(assignment_id)
            WHERE NOT EXISTS (
              SELECT 1 FROM active a2
               WHERE a2.delegate_id = a.delegate_id
                 AND (NOT EXISTS (SELECT 1 FROM delegation_assignment da WHERE da.delegation_id = a2.id)
                      OR EXISTS (SELECT 1 FROM delegation_assignment da
                                  WHERE da.delegation_id = a2.id AND da.assignment_id = wanted.assignment_id))))
       )
       SELECT p.id, p.user_id AS "userId", p.first_name AS "firstName", p.last_name AS "lastName", p.title
         FROM person p
        WHERE p.id IN (SELECT head_of_unit_id FROM care_unit WHERE id = $1)
           OR p.id IN (SELECT delegate_id FROM covering)
        ORDER BY p.last_name COLLATE beh_sv, p.first_name COLLATE beh_sv, p.id`,
      [careUnitId, [...assignmentIds], this.clock.today()],
    );
  }
}
