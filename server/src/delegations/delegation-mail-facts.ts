import type { EntityManager } from 'typeorm';
import {
  assignmentKindSql,
  assignmentNameSql,
  careUnitHeadSql,
  careUnitNameSql,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  leftJoinPerson,
  personContactJsonSql,
  personNameSql,
} from '../directory/directory.reads.js';
import {
  accessAreaNameSql,
  accessOperationHeadSql,
  accessOperationNameSql,
  leftJoinAccessAreaOf,
  leftJoinAccessOperation,
} from '../access-catalogue/operation.reads.js';
import type { DelegationMailData } from '../mail/templates/index.js';
import { rightsOf } from './delegation.types.js';

/**
 * What a delegation's mails name beside `careUnitName`: for a verksamhet, its name and område
 * (careUnitName then reads "Område / Verksamhet", so that a mail that knows only units still
 * names it).
 */
export interface TargetNames {
  accessOperationName?: string;
  areaName?: string;
}

/** The mail data's names of the delegation's care unit or verksamhet. */
export function mailTargetOf(d: {
  careUnitName: string | null;
  accessOperationName: string | null;
  areaName: string | null;
}): { careUnitName: string } & TargetNames {
  if (d.accessOperationName === null) return { careUnitName: d.careUnitName ?? '' };
  const areaName = d.areaName ?? '';
  return {
    careUnitName: `${areaName} / ${d.accessOperationName}`,
    accessOperationName: d.accessOperationName,
    areaName,
  };
}

/** Whom a mail may go to: all null when there is nobody (a unit without a head). */
export interface MailContact {
  id: string | null;
  name: string | null;
  email: string | null;
}

/** A delegation as a mail about its end tells it, with the people it may be sent to. */
export interface DelegationMailFacts {
  mail: Omit<DelegationMailData, 'recipientName'> & TargetNames & { validTo: string };
  delegate: MailContact;
  /** The head of the delegation's care unit or verksamhet. */
  head: MailContact;
}

interface Row {
  id: string;
  careUnitName: string | null;
  accessOperationName: string | null;
  areaName: string | null;
  mayOrder: boolean;
  mayAttest: boolean;
  assignmentNames: string[];
  validFrom: string;
  validTo: string;
  grantorName: string;
  delegate: MailContact;
  head: MailContact;
}

/**
 * The delegations `ids` (ones with an end date) for their expiry mails, read in the caller's
 * transaction; in order of their end.
 */
export async function delegationMailFacts(
  m: EntityManager,
  ids: readonly string[],
): Promise<DelegationMailFacts[]> {
  if (ids.length === 0) return [];
  const rows = await m.query<Row[]>(
    `SELECT d.id, ${careUnitNameSql('cu')} AS "careUnitName", ${accessOperationNameSql('ao')} AS "accessOperationName",
            ${accessAreaNameSql('aa')} AS "areaName", d.may_order AS "mayOrder", d.may_attest AS "mayAttest",
            ARRAY(SELECT ${assignmentNameSql('asg')}
                    FROM delegation_assignment da ${joinAssignment('asg', 'da.assignment_id')}
                   WHERE da.delegation_id = d.id
                   ORDER BY ${assignmentKindSql('asg')}, ${assignmentNameSql('asg')} COLLATE beh_sv) AS "assignmentNames",
            d.valid_from AS "validFrom", d.valid_to AS "validTo",
            ${personNameSql('gr')} AS "grantorName",
            ${personContactJsonSql('dp')} AS delegate, ${personContactJsonSql('hd')} AS head
       FROM delegation d
       LEFT ${joinCareUnit('cu', 'd.care_unit_id')}
       ${leftJoinAccessOperation('ao', 'd.access_operation_id')}
       ${leftJoinAccessAreaOf('aa', 'ao')}
       ${joinPerson('dp', 'd.delegate_id')}
       ${joinPerson('gr', 'd.grantor_id')}
       ${leftJoinPerson('hd', `COALESCE(${careUnitHeadSql('cu')}, ${accessOperationHeadSql('ao')})`)}
      WHERE d.id = ANY($1::uuid[])
      ORDER BY d.valid_to, d.id`,
    [[...ids]],
  );
  return rows.map((r) => ({
    mail: {
      delegationId: r.id,
      ...mailTargetOf(r),
      rights: rightsOf(r.mayOrder, r.mayAttest),
      assignmentNames: r.assignmentNames,
      validFrom: r.validFrom,
      validTo: r.validTo,
      byName: r.grantorName,
    },
    delegate: r.delegate,
    head: r.head,
  }));
}
