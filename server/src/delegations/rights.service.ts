import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { SessionPerson } from '../common/auth/request-auth.js';
import {
  type AdministeredSystem,
  type DelegatedGrant,
  type DelegatedOperationGrant,
  type HeadedOperation,
  type HeadedUnit,
  Rights,
} from '../common/auth/rights.js';
import { Clock } from '../common/clock.js';
import { isUuid } from '../common/uuid.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  accessAreaNameSql,
  accessOperationAreaIdSql,
  accessOperationNameSql,
  headOfOperationSql,
  joinAccessAreaOf,
  joinAccessOperation,
  operationsHeadedBySql,
  systemsAdministeredBySql,
} from '../access-catalogue/operation.reads.js';
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
 * delegations (dates against Stockholm's today, not revoked), the auditors (Revisorer) and the administrators named by
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
    // The head of a unit is a fact of the directory (KIV), read where the directory keeps it; the
    // head of a verksamhet and a system's administrators are facts of the access catalogue.
    const [row] = await this.db.query<
      {
        version: string;
        headed: HeadedUnit[];
        grants: DelegatedGrant[];
        headedOperations: HeadedOperation[];
        operationGrants: DelegatedOperationGrant[];
        systems: AdministeredSystem[];
        auditor: boolean;
      }[]
    >(
      `SELECT ${rightsVersionSql('$1')} AS version,
              COALESCE((SELECT json_agg(h) FROM (${unitsHeadedBySql('$1')}) h), '[]') AS headed,
              COALESCE((SELECT json_agg(g) FROM (${activeGrantsSql('$1', '$2')}) g), '[]') AS grants,
              COALESCE((SELECT json_agg(ho) FROM (${operationsHeadedBySql('$1')}) ho), '[]') AS "headedOperations",
              COALESCE((SELECT json_agg(og) FROM (${activeOperationGrantsSql('$1', '$2')}) og), '[]')
                AS "operationGrants",
              COALESCE((SELECT json_agg(s) FROM (${systemsAdministeredBySql('$1')}) s), '[]') AS systems,
              EXISTS (SELECT 1 FROM auditor au WHERE au.person_id = $1) AS auditor`,
      [person.id, today],
    );
    const administrator = person.isAdministrator || this.configuredAdmins.has(person.userId.toLowerCase());
    return {
      rights: new Rights(person.id, administrator, row.headed, row.grants, {
        headedOperations: row.headedOperations,
        operationGrants: row.operationGrants,
        systems: row.systems,
        auditor: row.auditor,
      }),
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

  /** Who may attest access orders of a verksamhet: its head and its active ATTEST delegates. */
  async attestantsOfOperation(operationId: string): Promise<PersonBrief[]> {
    if (!isUuid(operationId)) return [];
    return this.db.query<PersonBrief[]>(attestantsOfOperationSql('$1', '$2'), [
      operationId,
      this.clock.today(),
    ]);
  }
}

/**
 * Who may attest access orders of a verksamhet: its head and each holder of an active ATTEST
 * delegation for it (a verksamhet's delegations always cover all of it), in name order. The rule
 * of Rights.mayAttestAccess turned around; beside derive() so that the two cannot drift apart.
 */
export const attestantsOfOperationSql = (operationId: string, today: string): string =>
  personBriefsSql(
    `SELECT ${headOfOperationSql(operationId)}
     UNION ALL SELECT d.delegate_id FROM delegation d
      WHERE d.access_operation_id = ${operationId} AND d.may_attest AND ${activeDelegationSql('d', today)}`,
  );

/**
 * A SELECT of the delegations for verksamheter in force on `today` for a person, as what they add
 * to the person's rights.
 */
const activeOperationGrantsSql = (personId: string, today: string): string =>
  `SELECT d.access_operation_id AS "operationId", ${accessOperationNameSql('ao')} AS "operationName",
          ${accessOperationAreaIdSql('ao')} AS "areaId", ${accessAreaNameSql('aa')} AS "areaName",
          d.may_order AS "mayOrder", d.may_attest AS "mayAttest"
     FROM delegation d
     ${joinAccessOperation('ao', 'd.access_operation_id')}
     ${joinAccessAreaOf('aa', 'ao')}
    WHERE d.delegate_id = ${personId} AND d.access_operation_id IS NOT NULL AND ${activeDelegationSql('d', today)}`;

/** A SELECT of the delegations in force on `today` for a person, as what they add to the person's rights. */
const activeGrantsSql = (personId: string, today: string): string =>
  `SELECT d.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
          ${careUnitHsaIdSql('cu')} AS "careUnitHsaId", d.may_order AS "mayOrder", d.may_attest AS "mayAttest",
          COALESCE(array_agg(da.assignment_id::text) FILTER (WHERE da.assignment_id IS NOT NULL), '{}') AS "assignmentIds"
     FROM delegation d
     ${joinCareUnit('cu', 'd.care_unit_id')}
     LEFT JOIN delegation_assignment da ON da.delegation_id = d.id
    WHERE d.delegate_id = ${personId} AND d.care_unit_id IS NOT NULL AND ${activeDelegationSql('d', today)}
    GROUP BY d.id, ${careUnitNameSql('cu')}, ${careUnitHsaIdSql('cu')}`;
