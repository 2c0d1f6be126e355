import type { EntityManager } from 'typeorm';
import { stockholmDate } from '../common/clock.js';
import type { DelegationMailData, OrderMailData } from '../mail/templates/index.js';
import type { OrderType } from '../orders/order.types.js';

export interface Contact {
  id: string | null;
  name: string | null;
  email: string | null;
}

/** An order as a notice about it tells it, with the people it may be sent to. */
export interface OrderNoticeFacts {
  mail: OrderMailData;
  orderedOn: string;
  endDate: string | null;
  orderer: Contact;
  attestant: Contact;
  /** The head of the order's care unit (null fields when the directory names none). */
  head: Contact;
}

interface OrderRow {
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
  orderer: Contact;
  attestant: Contact;
  head: Contact;
}

const contact = (alias: string) =>
  `json_build_object('id', ${alias}.id, 'name', ${alias}.first_name || ' ' || ${alias}.last_name,
                     'email', ${alias}.email)`;

/** The orders `ids` as their notices need them (lines the attestant removed left out). */
export async function orderNoticeFacts(
  m: EntityManager,
  ids: readonly string[],
): Promise<OrderNoticeFacts[]> {
  if (ids.length === 0) return [];
  const rows = await m.query<OrderRow[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.type, o.start_date AS "startDate",
            o.end_date AS "endDate", o.urgent, o.created_at AS "createdAt",
            eu.first_name || ' ' || eu.last_name || ' (' || eu.user_id || ')' AS "endUserName",
            cu.name AS "careUnitName",
            ARRAY(SELECT asg.name FROM vmu_order_item i JOIN assignment asg ON asg.id = i.assignment_id
                   WHERE i.order_id = o.id AND i.status IN ('PENDING', 'DONE')
                   ORDER BY asg.kind, asg.name COLLATE beh_sv) AS "assignmentNames",
            ${contact('op')} AS orderer, ${contact('ap')} AS attestant,
            CASE WHEN hd.id IS NULL THEN json_build_object('id', NULL, 'name', NULL, 'email', NULL)
                 ELSE ${contact('hd')} END AS head
       FROM vmu_order o
       JOIN person eu ON eu.id = o.end_user_id
       JOIN person op ON op.id = o.orderer_id
       JOIN person ap ON ap.id = o.attestant_id
       JOIN care_unit cu ON cu.id = o.care_unit_id
       LEFT JOIN person hd ON hd.id = cu.head_of_unit_id
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

/** A delegation as its expiry notice tells it. */
export interface DelegationNoticeFacts {
  mail: Omit<DelegationMailData, 'recipientName'> & { validTo: string };
  delegate: Contact;
  head: Contact;
}

interface DelegationRow {
  id: string;
  careUnitName: string;
  mayOrder: boolean;
  mayAttest: boolean;
  assignmentNames: string[];
  validFrom: string;
  validTo: string;
  grantorName: string;
  delegate: Contact;
  head: Contact;
}

export async function delegationNoticeFacts(
  m: EntityManager,
  ids: readonly string[],
): Promise<DelegationNoticeFacts[]> {
  if (ids.length === 0) return [];
  const rows = await m.query<DelegationRow[]>(
    `SELECT d.id, cu.name AS "careUnitName", d.may_order AS "mayOrder", d.may_attest AS "mayAttest",
            ARRAY(SELECT asg.name FROM delegation_assignment da JOIN assignment asg ON asg.id = da.assignment_id
                   WHERE da.delegation_id = d.id ORDER BY asg.kind, asg.name COLLATE beh_sv) AS "assignmentNames",
            d.valid_from AS "validFrom", d.valid_to AS "validTo",
            gr.first_name || ' ' || gr.last_name AS "grantorName",
            ${contact('dp')} AS delegate,
            CASE WHEN hd.id IS NULL THEN json_build_object('id', NULL, 'name', NULL, 'email', NULL)
                 ELSE ${contact('hd')} END AS head
       FROM delegation d
       JOIN care_unit cu ON cu.id = d.care_unit_id
       JOIN person dp ON dp.id = d.delegate_id
       JOIN person gr ON gr.id = d.grantor_id
       LEFT JOIN person hd ON hd.id = cu.head_of_unit_id
      WHERE d.id = ANY($1::uuid[])
      ORDER BY d.valid_to, d.id`,
    [[...ids]],
  );
  return rows.map((r) => ({
    mail: {
      delegationId: r.id,
      careUnitName: r.careUnitName,
      rights: [...(r.mayOrder ? (['ORDER'] as const) : []), ...(r.mayAttest ? (['ATTEST'] as const) : [])],
      assignmentNames: r.assignmentNames,
      validFrom: r.validFrom,
      validTo: r.validTo,
      byName: r.grantorName,
    },
    delegate: r.delegate,
    head: r.head,
  }));
}
