import type { EntityManager } from 'typeorm';
import type { OrderMailData } from '../mail/templates/index.js';
import type { OrderType } from './order.types.js';

/** An order claimed for carrying out, with its holdings already changed and what it says. */
export interface ClaimedOrder {
  id: string;
  orderNumber: string;
  type: OrderType;
  startDate: string;
  endDate: string | null;
  urgent: boolean;
  endUserName: string;
  endUserUserId: string;
  ordererName: string;
  ordererEmail: string | null;
  careUnitName: string;
  /** The lines still pending (the attestant's removed lines are not carried out), by name. */
  lines: { assignmentId: string; name: string; careUnitName: string }[];
  /** For a revoke: the assignments the person still held on its date, now ended. */
  ended: string[];
}

/** Which order to claim: this one (waiting for a transaction that holds it), or the next free due one. */
export type Claim = { orderId: string } | { skip: readonly string[] };

/**
 * Claims one approved order whose start date has come and makes its change to the directory's
 * holdings, in one statement (the scheduler does this ten thousand times in a row):
 *
 * - a grant: the person holds each assignment from the start date, to the end date when the
 *   order has one (`valid_to` is the last day held);
 * - a revoke: the order's date is the first day without the assignment ("Slutdatum, då
 *   behörigheten upphör"), so each holding still running on that day now ends the day before;
 *   a holding that would only begin on or after that day is removed, as it never takes effect.
 *
 * The order is locked `FOR UPDATE` (`SKIP LOCKED` for the next due one, so that processes never
 * wait for each other) until the caller's transaction ends. Reading its lines in the same
 * statement is safe: an order is claimable only once its approval, with the lines the attestant
 * removed, is committed, and after that nothing but carrying it out changes it.
 */
export async function claimOrder(
  m: EntityManager,
  claim: Claim,
  today: string,
  now: Date,
): Promise<ClaimedOrder | undefined> {
  const which =
    'orderId' in claim
      ? { sql: `id = $3::uuid`, lock: 'FOR UPDATE', param: claim.orderId }
      : { sql: `id <> ALL($3::uuid[])`, lock: 'FOR UPDATE SKIP LOCKED', param: [...claim.skip] };
  const holding = `h.person_id = o.end_user_id AND h.assignment_id IN (SELECT assignment_id FROM line)
                   AND (h.valid_to IS NULL OR h.valid_to >= o.start_date)`;
  const [claimed] = await m.query<ClaimedOrder[]>(
    `WITH claimed AS (
       SELECT id FROM vmu_order
        WHERE status = 'APPROVED' AND start_date <= $1::date AND ${which.sql}
        ORDER BY start_date, id LIMIT 1 ${which.lock}
     ), o AS (
       SELECT o.* FROM vmu_order o JOIN claimed USING (id)
     ), line AS (
       SELECT i.assignment_id, asg.name, asg.kind, acu.name AS unit_name
         FROM o JOIN vmu_order_item i ON i.order_id = o.id AND i.status = 'PENDING'
         JOIN assignment asg ON asg.id = i.assignment_id
         JOIN care_unit acu ON acu.id = asg.care_unit_id
     ), granted AS (
       INSERT INTO held_assignment (person_id, assignment_id, valid_from, valid_to, created_at, updated_at)
       SELECT o.end_user_id, line.assignment_id, o.start_date, o.end_date, $2, $2
         FROM o, line WHERE o.type = 'GRANT'
       RETURNING assignment_id
     ), shortened AS (
       UPDATE held_assignment h SET valid_to = o.start_date - 1, updated_at = $2
         FROM o WHERE o.type = 'REVOKE' AND ${holding} AND h.valid_from < o.start_date
       RETURNING h.assignment_id
     ), removed AS (
       DELETE FROM held_assignment h
        USING o WHERE o.type = 'REVOKE' AND ${holding} AND h.valid_from >= o.start_date
       RETURNING h.assignment_id
     )
     SELECT o.id, o.order_number AS "orderNumber", o.type, o.start_date AS "startDate",
            o.end_date AS "endDate", o.urgent,
            eu.first_name || ' ' || eu.last_name AS "endUserName", eu.user_id AS "endUserUserId",
            op.first_name || ' ' || op.last_name AS "ordererName", op.email AS "ordererEmail",
            cu.name AS "careUnitName",
            COALESCE((SELECT json_agg(json_build_object('assignmentId', line.assignment_id, 'name', line.name,
                                                        'careUnitName', line.unit_name)
                                      ORDER BY line.kind, line.name COLLATE beh_sv)
                        FROM line), '[]'::json) AS lines,
            ARRAY(SELECT assignment_id::text FROM shortened
                  UNION SELECT assignment_id::text FROM removed) AS ended
       FROM o
       JOIN person eu ON eu.id = o.end_user_id
       JOIN person op ON op.id = o.orderer_id
       JOIN care_unit cu ON cu.id = o.care_unit_id`,
    [today, now, which.param],
  );
  return claimed;
}

/**
 * Återkopplingsinfo: one Swedish sentence per line of the order saying what was done, e.g.
 * "Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Nils Boström från 2026-11-23."
 */
export function feedbackText(o: ClaimedOrder): string {
  const ended = new Set(o.ended);
  return o.lines
    .map(({ assignmentId, name, careUnitName }) => {
      if (o.type === 'GRANT') {
        const until = o.endDate ? ` till och med ${o.endDate}` : '';
        return `Uppdraget ${name} vid ${careUnitName} är upplagt för ${o.endUserName} från ${o.startDate}${until}.`;
      }
      return ended.has(assignmentId)
        ? `Uppdraget ${name} vid ${careUnitName} är avslutat för ${o.endUserName} från och med ${o.startDate}.`
        : `${o.endUserName} hade inte längre uppdraget ${name} vid ${careUnitName} den ${o.startDate}; inget behövde avslutas.`;
    })
    .join('\n');
}

/** The ORDER_COMPLETED mail to the orderer (its link leads to the feedback). */
export function completedMail(o: ClaimedOrder): OrderMailData {
  return {
    orderId: o.id,
    orderNumber: o.orderNumber,
    recipientName: o.ordererName,
    type: o.type,
    endUserName: `${o.endUserName} (${o.endUserUserId})`,
    ordererName: o.ordererName,
    careUnitName: o.careUnitName,
    startDate: o.startDate,
    urgent: o.urgent,
    assignmentNames: o.lines.map((l) => l.name),
  };
}
