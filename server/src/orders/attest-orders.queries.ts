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
  assignmentActiveSql,
  careUnitActiveSql,
  personActiveSql,
} from '../directory/directory.reads.js';
import {
  areaNameSql,
  leftJoinAreaOfOperation,
  leftJoinOperation,
  leftJoinProfession,
  leftJoinTemplate,
  operationNameSql,
  professionNameSql,
  templateNameSql,
  templateSortSql,
  templateSystemsJsonSql,
} from '../access-catalogue/attest.reads.js';
import { standsInForSql } from '../delegations/stand-ins.reads.js';
import { awaitingAttestSql } from './order-status.js';
import type { ItemStatus, OrderKind, OrderStatus, OrderType } from './order.types.js';
import { ordererNameSql } from './leavers.names.js';

/**
 * One of the directory's inner joins (joinCareUnit, joinAdministrationOf, joinAssignment) as a
 * left join: an access order has no care unit (and so no förvaltning) and its lines no
 * assignment, and an inner join would drop them from what is read.
 */
export const leftJoin = (join: string): string => {
  if (!join.startsWith('JOIN ')) throw new Error(`Not an inner join: ${join}`);
  return `LEFT ${join}`;
};

/**
 * The orders as the attest module reads them: what a decision names (the signed document's lines,
 * the mails' facts), the attestant's order page, and which orders a signature decided.
 */

type Db = DataSource | EntityManager;

/** What a decision names of one order: the document's lines and the mails' facts. */
export interface DecisionOrder {
  id: string;
  orderNumber: string;
  kind: OrderKind;
  type: OrderType;
  status: OrderStatus;
  attestantId: string;
  /** A VMU order's care unit; null for an access order. */
  careUnitId: string | null;
  /** An access order's verksamhet; null for a VMU order. */
  accessOperationId: string | null;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  endUser: { name: string; userId: string; hsaId: string };
  orderer: { name: string; userId: string; email: string | null };
  /** null for an access order. */
  careUnit: { name: string; hsaId: string } | null;
  /** The verksamhet and its område; null for a VMU order. */
  accessOperation: { name: string; areaName: string } | null;
  items: DecisionItem[];
  /** False when the end user is inactive in the directory (gone from KIV; rule 37). */
  endUserActive: boolean;
  /** False when the VMU order's care unit is inactive in the directory; null for an access order. */
  careUnitActive: boolean | null;
}

/** A system a template line gives roles in, with the roles' names. */
export interface DecisionSystem {
  systemId: string;
  systemName: string;
  roles: string[];
}

/** A line: an assignment (VMU) or a template with a profession (ACCESS); the other's fields null. */
export interface DecisionItem {
  id: string;
  assignmentId: string | null;
  assignmentName: string | null;
  templateId: string | null;
  templateName: string | null;
  professionName: string | null;
  /** Förändring: the template and profession the line replaces. */
  previousTemplateName: string | null;
  previousProfessionName: string | null;
  /** The template's systems and roles (as the catalogue has them now); [] for an assignment line. */
  systems: DecisionSystem[];
  status: ItemStatus;
  /** False when the line's assignment is inactive in the directory; null for a template line. */
  assignmentActive: boolean | null;
}

interface DecisionRow extends Omit<
  DecisionOrder,
  'endUser' | 'orderer' | 'careUnit' | 'accessOperation' | 'items' | 'endUserActive' | 'careUnitActive'
> {
  endUserActive: boolean;
  careUnitActive: boolean | null;
  endUserName: string;
  endUserUserId: string;
  endUserHsaId: string;
  ordererName: string;
  ordererUserId: string;
  ordererEmail: string | null;
  careUnitName: string | null;
  careUnitHsaId: string | null;
  operationName: string | null;
  areaName: string | null;
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
    `SELECT o.id, o.order_number AS "orderNumber", o.kind, o.type, o.status, o.attestant_id AS "attestantId",
            o.care_unit_id AS "careUnitId", o.access_operation_id AS "accessOperationId",
            o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
            ${personNameSql('eu')} AS "endUserName", ${personUserIdSql('eu')} AS "endUserUserId",
            ${personHsaIdSql('eu')} AS "endUserHsaId",
            ${ordererNameSql('o', personNameSql('op'))} AS "ordererName", ${personUserIdSql('op')} AS "ordererUserId",
            ${personEmailSql('op')} AS "ordererEmail", ${careUnitNameSql('cu')} AS "careUnitName",
            ${careUnitHsaIdSql('cu')} AS "careUnitHsaId", ${operationNameSql('aop')} AS "operationName",
            ${areaNameSql('aar')} AS "areaName", ${personActiveSql('eu')} AS "endUserActive",
            ${careUnitActiveSql('cu')} AS "careUnitActive"
       FROM vmu_order o ${joinPerson('eu', 'o.end_user_id')} ${joinPerson('op', 'o.orderer_id')}
       ${leftJoin(joinCareUnit('cu', 'o.care_unit_id'))}
       ${leftJoinOperation('aop', 'o.access_operation_id')} ${leftJoinAreaOfOperation('aar', 'aop')}
      WHERE o.id = ANY($1::uuid[])
      ORDER BY o.order_number`,
    [[...orderIds]],
  );
  const items = await m.query<(DecisionItem & { orderId: string })[]>(
    `SELECT i.order_id AS "orderId", i.id, i.assignment_id AS "assignmentId",
            ${assignmentNameSql('a')} AS "assignmentName", i.template_id AS "templateId",
            ${templateNameSql('tpl')} AS "templateName", ${professionNameSql('prf')} AS "professionName",
            ${templateNameSql('ptpl')} AS "previousTemplateName",
            ${professionNameSql('pprf')} AS "previousProfessionName",
            CASE WHEN i.template_id IS NULL THEN '[]'::json
                 ELSE ${templateSystemsJsonSql('i.template_id')} END AS systems,
            i.status, ${assignmentActiveSql('a')} AS "assignmentActive"
       FROM vmu_order_item i ${leftJoin(joinAssignment('a', 'i.assignment_id'))}
       ${leftJoinTemplate('tpl', 'i.template_id')} ${leftJoinProfession('prf', 'i.profession_id')}
       ${leftJoinTemplate('ptpl', 'i.previous_template_id')}
       ${leftJoinProfession('pprf', 'i.previous_profession_id')}
      WHERE i.order_id = ANY($1::uuid[])
      ORDER BY ${assignmentCatalogueOrderSql('a')}, ${templateSortSql('tpl')}, i.id`,
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
    kind: r.kind,
    type: r.type,
    status: r.status,
    attestantId: r.attestantId,
    careUnitId: r.careUnitId,
    accessOperationId: r.accessOperationId,
    startDate: r.startDate,
    endDate: r.endDate,
    urgent: r.urgent,
    endUser: { name: r.endUserName, userId: r.endUserUserId, hsaId: r.endUserHsaId },
    orderer: { name: r.ordererName, userId: r.ordererUserId, email: r.ordererEmail },
    careUnit:
      r.careUnitName !== null && r.careUnitHsaId !== null
        ? { name: r.careUnitName, hsaId: r.careUnitHsaId }
        : null,
    accessOperation: r.operationName !== null ? { name: r.operationName, areaName: r.areaName ?? '' } : null,
    items: byOrder.get(r.id) ?? [],
    endUserActive: r.endUserActive,
    careUnitActive: r.careUnitActive,
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

/** The head of the attest page: the order, its people and unit or verksamhet (its lines are orderItems'). */
export interface AttestOrderHead {
  id: string;
  orderNumber: string;
  kind: OrderKind;
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
  /** A VMU order's care unit; null for an access order. */
  careUnit: { id: string; name: string; hsaId: string } | null;
  /** The care unit's förvaltning; null for an access order. */
  administrationName: string | null;
  /** An access order's verksamhet with its område; null for a VMU order. */
  accessOperation: { id: string; name: string; areaName: string } | null;
}

const attestPerson = (alias: string, id: string, key: string, name = personNameSql(alias)) =>
  `json_build_object('id', ${id}, 'name', ${name}, 'userId', ${personUserIdSql(alias)},
     'hsaId', ${personHsaIdSql(alias)}, 'title', ${personTitleSql(alias)}) AS "${key}"`;

/**
 * The order `orderId` if `attestantId` is its attestant, or stands in for its attestant on
 * `today` (domain.md rule 41), and it awaits attest; else undefined, for whoever else asks it
 * does not exist. `today` also decides whether it is due.
 */
export async function attestOrderHead(
  db: Db,
  orderId: string,
  attestantId: string,
  today: string,
): Promise<AttestOrderHead | undefined> {
  const [head] = await db.query<AttestOrderHead[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.kind, o.status, o.type, o.created_at AS "createdAt",
            o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
            o.start_date <= $3::date AS due, o.comment, o.batch_id AS "batchId",
            ${attestPerson('eu', 'o.end_user_id', 'endUser')}, ${attestPerson('op', 'o.orderer_id', 'orderer', ordererNameSql('o', personNameSql('op')))},
            ${attestPerson('ap', 'o.attestant_id', 'attestant')},
            CASE WHEN o.care_unit_id IS NULL THEN NULL
                 ELSE json_build_object('id', o.care_unit_id, 'name', ${careUnitNameSql('cu')},
                                        'hsaId', ${careUnitHsaIdSql('cu')}) END AS "careUnit",
            ${administrationNameSql('adm')} AS "administrationName",
            CASE WHEN o.access_operation_id IS NULL THEN NULL
                 ELSE json_build_object('id', o.access_operation_id, 'name', ${operationNameSql('aop')},
                                        'areaName', ${areaNameSql('aar')}) END AS "accessOperation"
       FROM vmu_order o
       ${joinPerson('eu', 'o.end_user_id')} ${joinPerson('op', 'o.orderer_id')}
       ${joinPerson('ap', 'o.attestant_id')} ${leftJoin(joinCareUnit('cu', 'o.care_unit_id'))}
       ${leftJoin(joinAdministrationOf('adm', 'cu'))}
       ${leftJoinOperation('aop', 'o.access_operation_id')} ${leftJoinAreaOfOperation('aar', 'aop')}
      WHERE o.id = $1 AND (o.attestant_id = $2 OR ${standsInForSql('o.attestant_id', '$2', '$3')})
        AND ${awaitingAttestSql('o')}`,
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
