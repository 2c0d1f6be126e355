import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SessionPerson } from '../common/auth/request-auth.js';
import { type DelegatedGrant, type HeadedUnit, Rights } from '../common/auth/rights.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  careUnitHsaIdSql,
  careUnitNameSql,
  headOfUnitSql,
  joinCareUnit,
  personBriefsSql,
  unitsHeadedBySql,
} from '../directory/directory.reads.js';
import { activeDelegationSql } from './delegations.reads.js';

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
 * ADMIN_USER_IDS or flagged in the directory. Provided once, by the delegations module, for
 * every module that asks who may do what.
 */
@Injectable()
export class RightsService {
  private readonly configuredAdmins: Set<string>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.configuredAdmins = new Set(config.auth.adminUserIds.map((id) => id.toLowerCase()));
  }

  async forPerson(person: Pick<SessionPerson, 'id' | 'userId' | 'isAdministrator'>): Promise<Rights> {
    // The head of a unit is a fact of the directory (KIV), read where the directory keeps it.
    const headed = await this.db.query<HeadedUnit[]>(unitsHeadedBySql('$1'), [person.id]);
    const grants = await this.activeGrantsFor(person.id, this.clock.today());
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
          WHERE d.care_unit_id = $1 AND d.may_attest AND ${activeDelegationSql('d', '$3')}
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
       ${personBriefsSql(`SELECT ${headOfUnitSql('$1')} UNION ALL SELECT delegate_id FROM covering`)}`,
      [careUnitId, [...assignmentIds], this.clock.today()],
    );
  }

  /** The delegations in force on `today` for a person, as what they add to the person's rights. */
  private async activeGrantsFor(personId: string, today: string): Promise<DelegatedGrant[]> {
    return this.db.query<DelegatedGrant[]>(
      `SELECT d.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
              ${careUnitHsaIdSql('cu')} AS "careUnitHsaId", d.may_order AS "mayOrder", d.may_attest AS "mayAttest",
              COALESCE(array_agg(da.assignment_id::text) FILTER (WHERE da.assignment_id IS NOT NULL), '{}') AS "assignmentIds"
         FROM delegation d
         ${joinCareUnit('cu', 'd.care_unit_id')}
         LEFT JOIN delegation_assignment da ON da.delegation_id = d.id
        WHERE d.delegate_id = $1 AND ${activeDelegationSql('d', '$2')}
        GROUP BY d.id, ${careUnitNameSql('cu')}, ${careUnitHsaIdSql('cu')}`,
      [personId, today],
    );
  }
}
