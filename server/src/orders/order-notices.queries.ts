import type { EntityManager } from 'typeorm';
import { stockholmDate } from '../common/clock.js';
import {
  assignmentCatalogueOrderSql,
  assignmentNameSql,
  careUnitHeadSql,
  careUnitNameSql,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  leftJoinPerson,
  personContactJsonSql,
  personNameWithUserIdSql,
} from '../directory/directory.reads.js';
import type { OrderMailData } from '../mail/templates/index.js';
import { keptLineSql } from './order-status.js';
import type { OrderType } from './order.types.js';

/** Someone a notice may be sent to; every field null when there is nobody (a unit without a head). */
export interface NoticeContact {
  id: string | null;
  name: string | null;
  email: string | null;
}

/** An order as a notice about it (the scheduler's reminders and ends of grants) tells it. */
export interface OrderNoticeFacts {
  mail: OrderMailData;
  orderedOn: string;
  endDate: string | null;
  orderer: NoticeContact;
  attestant: NoticeContact;
  /** The head of the order's care unit (null fields when the directory names none). */
  head: NoticeContact;
}

interface NoticeRow {
  id: string;
  orderNumber: string;
  type: OrderType;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  createdAt: Date;
  endUserName: string;
  careUnitName: string;
  assignmentNames: string[];
  orderer: NoticeContact;
  attestant: NoticeContact;
  head: NoticeContact;
}

/** The orders `ids` as their notices need them (lines the attestant removed or rejected left out). */
export async function orderNoticeFacts(
  m: EntityManager,
  ids: readonly string[],
): Promise<OrderNoticeFacts[]> {
  if (ids.length === 0) return [];
  const rows = await m.query<NoticeRow[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.type, o.start_date AS "startDate",
            o.end_date AS "endDate", o.urgent, o.created_at AS "createdAt",
            ${personNameWithUserIdSql('eu')} AS "endUserName", ${careUnitNameSql('cu')} AS "careUnitName",
            ARRAY(SELECT ${assignmentNameSql('asg')} FROM vmu_order_item i ${joinAssignment('asg', 'i.assignment_id')}
                   WHERE i.order_id = o.id AND ${keptLineSql('i')}
                   ORDER BY ${assignmentCatalogueOrderSql('asg')}) AS "assignmentNames",
            ${personContactJsonSql('op')} AS orderer, ${personContactJsonSql('ap')} AS attestant,
            ${personContactJsonSql('hd')} AS head
       FROM vmu_order o
       ${joinPerson('eu', 'o.end_user_id')}
       ${joinPerson('op', 'o.orderer_id')}
       ${joinPerson('ap', 'o.attestant_id')}
       ${joinCareUnit('cu', 'o.care_unit_id')}
       ${leftJoinPerson('hd', careUnitHeadSql('cu'))}
      WHERE o.id = ANY($1::uuid[])
      ORDER BY o.created_at, o.id`,
    [[...ids]],
  );
  return rows.map((r) => ({
    mail: {
      orderId: r.id,
      orderNumber: r.orderNumber,
      type: r.type,
      endUserName: r.endUserName,
      ordererName: r.orderer.name ?? undefined,
      careUnitName: r.careUnitName,
      startDate: r.startDate,
      urgent: r.urgent,
      assignmentNames: r.assignmentNames,
    },
    orderedOn: stockholmDate(r.createdAt),
    endDate: r.endDate,
    orderer: r.orderer,
    attestant: r.attestant,
    head: r.head,
  }));
}
