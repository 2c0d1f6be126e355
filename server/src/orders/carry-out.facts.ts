import type { EntityManager } from 'typeorm';
import type { OrderMailData } from '../mail/templates/index.js';
import type { OrderType } from './order.types.js';

/** What carrying out an order needs to know about it, read in one statement. */
export interface CarryOutFacts {
  id: string;
  orderNumber: string;
  type: OrderType;
  endUserId: string;
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
}

export async function carryOutFacts(m: EntityManager, orderId: string): Promise<CarryOutFacts> {
  const [facts] = await m.query<CarryOutFacts[]>(
    `SELECT o.id, o.order_number AS "orderNumber", o.type, o.end_user_id AS "endUserId",
            o.start_date AS "startDate", o.end_date AS "endDate", o.urgent,
            eu.first_name || ' ' || eu.last_name AS "endUserName", eu.user_id AS "endUserUserId",
            op.first_name || ' ' || op.last_name AS "ordererName", op.email AS "ordererEmail",
            cu.name AS "careUnitName",
            COALESCE((SELECT json_agg(json_build_object('assignmentId', i.assignment_id, 'name', asg.name,
                                                        'careUnitName', acu.name)
                                      ORDER BY asg.kind, asg.name COLLATE beh_sv)
                        FROM vmu_order_item i
                        JOIN assignment asg ON asg.id = i.assignment_id
                        JOIN care_unit acu ON acu.id = asg.care_unit_id
                       WHERE i.order_id = o.id AND i.status = 'PENDING'), '[]'::json) AS lines
       FROM vmu_order o
       JOIN person eu ON eu.id = o.end_user_id
       JOIN person op ON op.id = o.orderer_id
       JOIN care_unit cu ON cu.id = o.care_unit_id
      WHERE o.id = $1`,
    [orderId],
  );
  return facts;
}

/** The day before `date` (YYYY-MM-DD), as a calendar date. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Återkopplingsinfo: one Swedish sentence per line of the order saying what was done, e.g.
 * "Uppdraget VoB SJF vid Vårdcentralen Solgläntan är upplagt för Nils Boström från 2026-11-23."
 * `ended` names the lines of a revoke that the person still held (the others needed nothing).
 */
export function feedbackText(f: CarryOutFacts, ended: ReadonlySet<string> = new Set()): string {
  return f.lines
    .map(({ assignmentId, name, careUnitName }) => {
      if (f.type === 'GRANT') {
        const until = f.endDate ? ` till och med ${f.endDate}` : '';
        return `Uppdraget ${name} vid ${careUnitName} är upplagt för ${f.endUserName} från ${f.startDate}${until}.`;
      }
      return ended.has(assignmentId)
        ? `Uppdraget ${name} vid ${careUnitName} är avslutat för ${f.endUserName} från och med ${f.startDate}.`
        : `${f.endUserName} hade inte längre uppdraget ${name} vid ${careUnitName} den ${f.startDate}; inget behövde avslutas.`;
    })
    .join('\n');
}

/** The ORDER_COMPLETED mail to the orderer (its link leads to the feedback). */
export function completedMail(f: CarryOutFacts): OrderMailData {
  return {
    orderId: f.id,
    orderNumber: f.orderNumber,
    recipientName: f.ordererName,
    type: f.type,
    endUserName: `${f.endUserName} (${f.endUserUserId})`,
    ordererName: f.ordererName,
    careUnitName: f.careUnitName,
    startDate: f.startDate,
    urgent: f.urgent,
    assignmentNames: f.lines.map((l) => l.name),
  };
}
