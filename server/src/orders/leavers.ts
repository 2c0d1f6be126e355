import type { EntityManager } from 'typeorm';
import {
  assignmentKindSql,
  assignmentNameSql,
  careUnitNameSql,
  joinAssignment,
  joinCareUnit,
  joinPerson,
  personNameWithUserIdSql,
} from '../directory/directory.reads.js';
import { leaverHoldingsSql } from '../directory/leavers.reads.js';
import type { CarryOutService } from './carry-out.service.js';
import type { OrderDraft, OrderStateMachine } from './order-state.js';

export { ordererNameSql, SYSTEM_ORDERER_NAME } from './leavers.names.js';

/** A leaver: a person whose engagement at a unit ended with no other there after it. */
export interface Leaver {
  personId: string;
  careUnitId: string;
  lastDay: string;
  /** The revoke's date: the first day without the assignment (rule 16). */
  firstDayWithout: string;
  /** The unit's head: the revokes' attestant (and, since a system has no mailbox, their orderer). */
  headId: string;
}

/** A revoke order placed for a leaver, as the head's summary mail lists it. */
export interface LeaverRevoke {
  orderId: string;
  orderNumber: string;
  status: string;
  headId: string;
  endUserName: string;
  careUnitName: string;
  startDate: string;
  lastDay: string;
  assignmentNames: string[];
}

/**
 * Places, for each leaver, one revoke order (Avslut) of every assignment they hold at the unit
 * that still runs on the first day without the engagement (a time-limited holding that ends
 * before it needs none), dated that day, with the unit's head as attestant. An assignment with an
 * open line already (a revoke placed by a person, or by an earlier run) gets none: nothing is
 * placed twice. With `direct` the orders are approved by the system at once and carried out
 * if their date has come (the scheduler's due-orders job carries out the later ones).
 *
 * The orders are marked placed_by_system and their audit events have no actor (the system).
 * Answers the orders placed, in the caller's transaction.
 */
export async function placeLeaverRevokes(
  m: EntityManager,
  machine: OrderStateMachine,
  carryOut: CarryOutService,
  leavers: readonly Leaver[],
  direct: boolean,
): Promise<LeaverRevoke[]> {
  // One order per person and unit: of two engagements there that ended, the later end counts.
  const byPair = new Map<string, Leaver>();
  for (const l of leavers) {
    const key = `${l.personId}/${l.careUnitId}`;
    const seen = byPair.get(key);
    if (!seen || seen.firstDayWithout < l.firstDayWithout) byPair.set(key, l);
  }
  const list = [...byPair.values()];
  if (list.length === 0) return [];
  const assignmentsOf = await revocableAssignments(m, list);
  const drafts: (OrderDraft & { lastDay: string })[] = [];
  list.forEach((l, n) => {
    const assignmentIds = assignmentsOf.get(n);
    if (!assignmentIds) return;
    drafts.push({
      type: 'REVOKE',
      endUserId: l.personId,
      ordererId: l.headId,
      attestantId: l.headId,
      careUnitId: l.careUnitId,
      startDate: l.firstDayWithout,
      endDate: null,
      urgent: false,
      comment: `Engagemanget vid vårdenheten upphörde ${l.lastDay}. Avslutet är beställt av systemet (KIV).`,
      batchId: null,
      assignmentIds,
      lastDay: l.lastDay,
    });
  });
  if (drafts.length === 0) return [];
  const created = await machine.create(m, drafts, null);
  const ids = created.map((c) => c.order.id);
  await m.query(`UPDATE vmu_order SET placed_by_system = true WHERE id = ANY($1::uuid[])`, [ids]);
  if (direct) {
    for (const id of ids) {
      await machine.apply(m, id, { action: 'ORDER_APPROVED', actorId: null, to: 'APPROVED' });
    }
    await carryOut.carryOutManyIfDue(m, ids);
  }
  return describeRevokes(m, ids, drafts);
}

/**
 * Per leaver (by index in `leavers`), the assignments a revoke must end: those held at the unit
 * still running on the first day without the engagement, with no open line already (a revoke
 * placed before, by a person or an earlier run). Leavers with none are left out.
 */
export async function revocableAssignments(
  m: EntityManager,
  leavers: readonly { personId: string; careUnitId: string; firstDayWithout: string }[],
): Promise<Map<number, string[]>> {
  const assignmentsOf = new Map<number, string[]>();
  if (leavers.length === 0) return assignmentsOf;
  const lines = await m.query<{ n: string; assignmentId: string }[]>(
    `SELECT l.n::text AS n, h.assignment_id AS "assignmentId"
       FROM unnest($1::uuid[], $2::uuid[], $3::date[]) WITH ORDINALITY AS l(person_id, care_unit_id, ends_on, n)
       CROSS JOIN LATERAL (${leaverHoldingsSql('l.person_id', 'l.care_unit_id', 'l.ends_on')}) h
      WHERE NOT EXISTS (SELECT 1 FROM vmu_order_item i
                         WHERE i.end_user_id = l.person_id AND i.assignment_id = h.assignment_id
                           AND i.status = 'PENDING')
      ORDER BY l.n, h.assignment_kind, h.assignment_name`,
    [leavers.map((l) => l.personId), leavers.map((l) => l.careUnitId), leavers.map((l) => l.firstDayWithout)],
  );
  for (const line of lines) {
    const n = Number(line.n) - 1;
    assignmentsOf.set(n, [...(assignmentsOf.get(n) ?? []), line.assignmentId]);
  }
  return assignmentsOf;
}

/** The placed orders with the names the summary mail shows, in the order placed. */
async function describeRevokes(
  m: EntityManager,
  ids: readonly string[],
  drafts: readonly { lastDay: string }[],
): Promise<LeaverRevoke[]> {
  const rows = await m.query<Omit<LeaverRevoke, 'lastDay'>[]>(
    `SELECT o.id AS "orderId", o.order_number AS "orderNumber", o.status, o.attestant_id AS "headId",
            ${personNameWithUserIdSql('eu')} AS "endUserName", ${careUnitNameSql('cu')} AS "careUnitName",
            to_char(o.start_date, 'YYYY-MM-DD') AS "startDate",
            ARRAY(SELECT ${assignmentNameSql('a')} FROM vmu_order_item i ${joinAssignment('a', 'i.assignment_id')}
                   WHERE i.order_id = o.id
                   ORDER BY ${assignmentKindSql('a')}, ${assignmentNameSql('a')} COLLATE beh_sv) AS "assignmentNames"
       FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, n)
       JOIN vmu_order o ON o.id = x.id
       ${joinPerson('eu', 'o.end_user_id')}
       ${joinCareUnit('cu', 'o.care_unit_id')}
      ORDER BY x.n`,
    [ids],
  );
  return rows.map((r, n) => ({ ...r, lastDay: drafts[n].lastDay }));
}
