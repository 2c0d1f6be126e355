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
import { activeDelegationSql, rightsVersionSql } from './delegations.reads.js';

/** A person as lists of who may act show them. */
export interface PersonBrief {
  id: string;
  userId: string;
  firstName: string;
  lastName: string;
  title: string | null;
}

/** The person whose rights are derived: who they are, and what of them rights depend on. */
export type RightsSubject = Pick<SessionPerson, 'id' | 'userId' | 'isAdministrator'>;

/** Rights as derived on `today`, stamped with the version of their sources they were read at. */
export interface VersionedRights {
  rights: Rights;
  /** rights_version of the person, read in the same statement (one snapshot) as the sources. */
  version: string;
  today: string;
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

  async forPerson(person: RightsSubject): Promise<Rights> {
    return (await this.derive(person)).rights;
  }

  /**
   * Rights on Stockholm's `today`, with the version of their sources: one statement, so the
   * headships, the delegations and the version are one snapshot, and rights stamped with a
   * version are exactly the rights of every moment the person's version is still that value
   * (see rightsVersionSql). What the version does not cover — the person's administrator flag
   * and VGR-ID, and the day — the caller compares itself (auth's RightsCache).
   */
  async derive(person: RightsSubject, today: string = this.clock.today()): Promise<VersionedRights> {
    // The head of a unit is a fact of the directory (KIV), read where the directory keeps it.
    const [row] = await this.db.query<{ version: string; headed: HeadedUnit[]; grants: DelegatedGrant[] }[]>(
      `SELECT ${rightsVersionSql('$1')} AS version,
              COALESCE((SELECT json_agg(h) FROM (${unitsHeadedBySql('$1')}) h), '[]') AS headed,
              COALESCE((SELECT json_agg(g) FROM (${activeGrantsSql('$1', '$2')}) g), '[]') AS grants`,
      [person.id, today],
    );
    const administrator = person.isAdministrator || this.configuredAdmins.has(person.userId.toLowerCase());
    return {
      rights: new Rights(person.id, administrator, row.headed, row.grants),
      version: row.version,
      today,
    };
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
}

/** A SELECT of the delegations in force on `today` for a person, as what they add to the person's rights. */
const activeGrantsSql = (personId: string, today: string): string =>
  `SELECT d.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
          ${careUnitHsaIdSql('cu')} AS "careUnitHsaId", d.may_order AS "mayOrder", d.may_attest AS "mayAttest",
          COALESCE(array_agg(da.assignment_id::text) FILTER (WHERE da.assignment_id IS NOT NULL), '{}') AS "assignmentIds"
     FROM delegation d
     ${joinCareUnit('cu', 'd.care_unit_id')}
     LEFT JOIN delegation_assignment da ON da.delegation_id = d.id
    WHERE d.delegate_id = ${personId} AND ${activeDelegationSql('d', today)}
    GROUP BY d.id, ${careUnitNameSql('cu')}, ${careUnitHsaIdSql('cu')}`;
