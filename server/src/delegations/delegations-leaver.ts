import type { EntityManager } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import { engagedAtUnitSql } from '../directory/leavers.reads.js';
import {
  careUnitNameSql,
  joinCareUnit,
  joinPerson,
  personNameWithUserIdSql,
} from '../directory/directory.reads.js';
import { rightsOf } from './delegation.types.js';

/** A delegation the system ended because its delegate left the unit, for the head's summary mail. */
export interface LeaverDelegation {
  delegationId: string;
  careUnitId: string;
  careUnitName: string;
  delegateName: string;
  /** The delegation's last day now; null when it was revoked before it began. */
  validTo: string | null;
}

/**
 * Delegations follow the people (issue 15, point 4): a delegation for a care unit ends when its
 * delegate no longer has an engagement there. For each leaver (a person whose engagement at the
 * unit ended with none there after it), every delegation of theirs for that unit still running
 * after the last day is limited to end that day (so their rights stop after it, the same as any
 * delegation that reaches its end date: rights are computed from the dates on every request), or,
 * one that would only begin after it, revoked by the system. Each change is one audit event
 * (DELEGATION_LIMITED / DELEGATION_REVOKED) with no actor: the system. A delegation whose delegate
 * has an engagement at the unit again on the day after is left alone.
 */
export async function endLeaverDelegations(
  m: EntityManager,
  audit: AuditService,
  leavers: readonly { personId: string; careUnitId: string; lastDay: string; firstDayWithout: string }[],
  now: Date,
): Promise<LeaverDelegation[]> {
  if (leavers.length === 0) return [];
  const rows = await m.query<
    (LeaverDelegation & {
      lastDay: string;
      validFrom: string;
      oldValidTo: string | null;
      mayOrder: boolean;
      mayAttest: boolean;
      assignmentIds: string[];
    })[]
  >(
    `SELECT d.id AS "delegationId", d.care_unit_id AS "careUnitId", ${careUnitNameSql('cu')} AS "careUnitName",
            ${personNameWithUserIdSql('dp')} AS "delegateName", l.last_day AS "lastDay",
            to_char(d.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(d.valid_to, 'YYYY-MM-DD') AS "oldValidTo",
            d.may_order AS "mayOrder", d.may_attest AS "mayAttest",
            ARRAY(SELECT da.assignment_id FROM delegation_assignment da
                   WHERE da.delegation_id = d.id ORDER BY da.assignment_id)::text[] AS "assignmentIds"
       FROM (SELECT DISTINCT ON (u.person_id, u.care_unit_id) u.person_id, u.care_unit_id,
                    to_char(u.last_day, 'YYYY-MM-DD') AS last_day, u.first_day_without
               FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::date[])
                    AS u(person_id, care_unit_id, last_day, first_day_without)
              ORDER BY u.person_id, u.care_unit_id, u.last_day DESC) l
       JOIN delegation d ON d.delegate_id = l.person_id AND d.care_unit_id = l.care_unit_id
       ${joinCareUnit('cu', 'd.care_unit_id')}
       ${joinPerson('dp', 'd.delegate_id')}
      WHERE d.revoked_at IS NULL AND (d.valid_to IS NULL OR d.valid_to > l.last_day::date)
        AND NOT ${engagedAtUnitSql('l.person_id', 'l.care_unit_id', 'l.first_day_without')}
      ORDER BY d.id
        FOR UPDATE OF d`,
    [
      leavers.map((l) => l.personId),
      leavers.map((l) => l.careUnitId),
      leavers.map((l) => l.lastDay),
      leavers.map((l) => l.firstDayWithout),
    ],
  );
  if (rows.length === 0) return [];
  const limited = rows.filter((r) => r.validFrom <= r.lastDay);
  const revoked = rows.filter((r) => r.validFrom > r.lastDay);
  if (limited.length > 0) {
    await m.query(
      `UPDATE delegation d SET valid_to = x.valid_to, updated_at = $3
         FROM unnest($1::uuid[], $2::date[]) AS x(id, valid_to) WHERE d.id = x.id`,
      [limited.map((r) => r.delegationId), limited.map((r) => r.lastDay), now],
    );
  }
  if (revoked.length > 0) {
    await m.query(
      `UPDATE delegation SET revoked_at = $2, revoked_by_system = true, updated_at = $2
        WHERE id = ANY($1::uuid[])`,
      [revoked.map((r) => r.delegationId), now],
    );
  }
  const snapshot = (r: (typeof rows)[number]) => ({
    rights: rightsOf(r.mayOrder, r.mayAttest),
    assignmentIds: r.assignmentIds,
    validFrom: r.validFrom,
    validTo: r.oldValidTo,
  });
  await audit.appendMany(m, [
    ...limited.map((r) => ({
      actorId: null,
      action: 'DELEGATION_LIMITED',
      entityType: 'delegation',
      entityId: r.delegationId,
      before: snapshot(r),
      after: { ...snapshot(r), validTo: r.lastDay },
    })),
    ...revoked.map((r) => ({
      actorId: null,
      action: 'DELEGATION_REVOKED',
      entityType: 'delegation',
      entityId: r.delegationId,
      before: snapshot(r),
      after: { ...snapshot(r), revokedAt: now.toISOString() },
    })),
  ]);
  return rows.map((r) => ({
    delegationId: r.delegationId,
    careUnitId: r.careUnitId,
    careUnitName: r.careUnitName,
    delegateName: r.delegateName,
    validTo: r.validFrom <= r.lastDay ? r.lastDay : null,
  }));
}
