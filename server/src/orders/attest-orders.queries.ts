import type { DataSource, EntityManager } from 'typeorm';
import {
  administrationNameSql,
  assignmentCatalogueOrderSql,
  assignmentNameSql,
  careUnitHsaIdSql,
  careUnitNameSql,
  joinAdministrationOf,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personEmailSql,
  personHsaIdSql,
  personNameSql,
  personTitleSql,
  personUserIdSql,
} from '../directory/directory.reads.js';
import { awaitingAttestSql } from './order-status.js';
import type { ItemStatus, OrderStatus, OrderType } from './order.types.js';

/**
 * The orders as the attest module reads them: what a decision names (the signed document's lines,
 * the mails' facts), the attestant's order page, and which orders a signature decided.
 */

type Db = DataSource | EntityManager;

/** What a decision names of one order: the document's lines and the mails' facts. */
export interface DecisionOrder {
  id: string;
  orderNumber: string;
  type: OrderType;
  status: OrderStatus;
  attestantId: string;
  careUnitId: string;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  endUser: { name: string; userId: string; hsaId: string };
  orderer: { name: string; userId: string; email: string | null };
  careUnit: { name: string; hsaId: string };
  items: DecisionItem[];
}

export interface DecisionItem {
  id: string;
  assignmentId: string;
  assignmentName: string;
  status: ItemStatus;
}

interface DecisionRow extends Omit<DecisionOrder, 'endUser' | 'orderer' | 'careUnit' | 'items'> {
  endUserName: string;
  endUserUserId: string;
  endUserHsaId: string;
  ordererName: string;
  ordererUserId: string;
  ordererEmail: string | null;
  careUnitName: string;
  careUnitHsaId: string;
}

/**
 * The orders of a decision with their people, unit and lines, in two statements however many
 * orders a batch holds; by order number (the document's order). `lock` takes the orders' row
 * locks in id order first, so that two completions over overlapping orders queue up instead of
 * deadlocking.
 */
export async function decisionOrders(
  m: EntityManager,
  orderIds: readonly string[],
  lock = false,
): Promise<DecisionOrder[]> {
  if (lock) {
    await m.query(`SELECT id FROM vmu_order WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [
      [...orderIds],
    ]);
  }
  const rows = await m.query<DecisionRow[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.type, o.status, o.attestant_id AS "attestantId",
            o.care_unit_id AS "careUnitId", o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
            ${personNameSql('eu')} AS "endUserName", ${personUserIdSql('eu')} AS "endUserUserId",
            ${personHsaIdSql('eu')} AS "endUserHsaId",
            ${personNameSql('op')} AS "ordererName", ${personUserIdSql('op')} AS "ordererUserId",
            ${personEmailSql('op')} AS "ordererEmail", ${careUnitNameSql('cu')} AS "careUnitName",
            ${careUnitHsaIdSql('cu')} AS "careUnitHsaId"
       FROM vmu_order o ${joinPerson('eu', 'o.end_user_id')} ${joinPerson('op', 'o.orderer_id')}
       ${joinCareUnit('cu', 'o.care_unit_id')}
      WHERE o.id = ANY($1::uuid[])
      ORDER BY o.order_number`,
    [[...orderIds]],
  );
  const items = await m.query<(DecisionItem & { orderId: string })[]>(
    `SELECT i.order_id AS "orderId", i.id, i.assignment_id AS "assignmentId",
            ${assignmentNameSql('a')} AS "assignmentName", i.status
       FROM vmu_order_item i ${joinAssignment('a', 'i.assignment_id')}
      WHERE i.order_id = ANY($1::uuid[])
      ORDER BY ${assignmentCatalogueOrderSql('a')}, i.id`,
    [[...orderIds]],
  );
  const byOrder = new Map<string, DecisionItem[]>();
  for (const { orderId, ...item } of items) {
    const list = byOrder.get(orderId) ?? [];
    list.push(item);
    byOrder.set(orderId, list);
  }
  return rows.map((r) => ({
    id: r.id,
    orderNumber: r.orderNumber,
    type: r.type,
    status: r.status,
    attestantId: r.attestantId,
    careUnitId: r.careUnitId,
    startDate: r.startDate,
    endDate: r.endDate,
    urgent: r.urgent,
    endUser: { name: r.endUserName, userId: r.endUserUserId, hsaId: r.endUserHsaId },
    orderer: { name: r.ordererName, userId: r.ordererUserId, email: r.ordererEmail },
    careUnit: { name: r.careUnitName, hsaId: r.careUnitHsaId },
    items: byOrder.get(r.id) ?? [],
  }));
}

/** A person as the attest page shows them. */
export interface AttestPerson {
  id: string;
  name: string;
  userId: string;
  hsaId: string;
  title: string | null;
}

/** The head of the attest page: the order, its people and unit (its lines are orderItems'). */
export interface AttestOrderHead {
  id: string;
  orderNumber: string;
  status: OrderStatus;
  type: OrderType;
  createdAt: Date;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  /** The start date has come: approving carries the order out at once. */
  due: boolean;
  comment: string | null;
  batchId: string | null;
  endUser: AttestPerson;
  orderer: AttestPerson;
  attestant: AttestPerson;
  careUnit: { id: string; name: string; hsaId: string };
  administrationName: string;
}

const attestPerson = (alias: string, id: string, key: string) =>
  `json_build_object('id', ${id}, 'name', ${personNameSql(alias)}, 'userId', ${personUserIdSql(alias)},
     'hsaId', ${personHsaIdSql(alias)}, 'title', ${personTitleSql(alias)}) AS "${key}"`;

/**
 * The order `orderId` if `attestantId` is its attestant and it awaits attest; else undefined, for
 * whoever else asks it does not exist. `today` decides whether it is due.
 */
export async function attestOrderHead(
  db: Db,
  orderId: string,
  attestantId: string,
  today: string,
): Promise<AttestOrderHead | undefined> {
  const [head] = await db.query<AttestOrderHead[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.status, o.type, o.created_at AS "createdAt",
            o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
            o.start_date <= $3::date AS due, o.comment, o.batch_id AS "batchId",
            ${attestPerson('eu', 'o.end_user_id', 'endUser')}, ${attestPerson('op', 'o.orderer_id', 'orderer')},
            ${attestPerson('ap', 'o.attestant_id', 'attestant')},
            json_build_object('id', o.care_unit_id, 'name', ${careUnitNameSql('cu')},
                              'hsaId', ${careUnitHsaIdSql('cu')}) AS "careUnit",
            ${administrationNameSql('adm')} AS "administrationName"
       FROM vmu_order o
       ${joinPerson('eu', 'o.end_user_id')} ${joinPerson('op', 'o.orderer_id')}
       ${joinPerson('ap', 'o.attestant_id')} ${joinCareUnit('cu', 'o.care_unit_id')}
       ${joinAdministrationOf('adm', 'cu')}
      WHERE o.id = $1 AND o.attestant_id = $2 AND ${awaitingAttestSql('o')}`,
    [orderId, attestantId, today],
  );
  return head;
}

/** The orders the sign request decided (none until it is signed), by order number. */
export function ordersDecidedBy(
  db: Db,
  signRequestId: string,
): Promise<{ id: string; orderNumber: string; status: OrderStatus }[]> {
  return db.query(
    `SELECT id, order_number AS "orderNumber", status FROM vmu_order WHERE sign_request_id = $1
      ORDER BY order_number`,
    [signRequestId],
  );
}

/** The sign request whose signature decided the order; null while undecided (or no such order). */
export async function signRequestOf(db: Db, orderId: string): Promise<string | null> {
  const [row] = await db.query<{ signRequestId: string | null }[]>(
    `SELECT sign_request_id AS "signRequestId" FROM vmu_order WHERE id = $1`,
    [orderId],
  );
  return row?.signRequestId ?? null;
}
