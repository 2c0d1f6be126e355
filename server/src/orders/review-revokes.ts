import type { EntityManager } from 'typeorm';
import { holdsTemplateSql } from '../access-catalogue/reviews.reads.js';
import { holdsAssignmentSql } from '../directory/directory.reads.js';
import type { CarryOutService } from './carry-out.service.js';
import type { OrderDraft, OrderStateMachine } from './order-state.js';

/**
 * The last carried-out grant of each holding: `SELECT person_id, assignment_id, order_number`,
 * one row per person and assignment that a completed GRANT line of BEH granted (a holding from
 * before BEH has none). For the access reviews' snapshot, joined on its holdings.
 */
export const lastGrantOrdersSql = (): string =>
  `SELECT DISTINCT ON (i.end_user_id, i.assignment_id)
          i.end_user_id AS person_id, i.assignment_id, o.order_number
     FROM vmu_order_item i JOIN vmu_order o ON o.id = i.order_id
    WHERE o.type = 'GRANT' AND o.status = 'COMPLETED' AND i.status = 'DONE' AND i.assignment_id IS NOT NULL
    ORDER BY i.end_user_id, i.assignment_id, o.completed_at DESC`;

/** The number of the order `orderId` (an SQL expression; null for none): a template holding's order. */
export const orderNumberSql = (orderId: string): string =>
  `(SELECT onr.order_number FROM vmu_order onr WHERE onr.id = ${orderId})`;

/**
 * One "Ta bort" of a signed review: the holding to end, a VMU assignment at a care unit or a
 * template (held for a profession) at a verksamhet.
 */
export type ReviewRemoval = {
  itemId: string;
  /** The reviewer: the revoke's orderer and attestant. */
  reviewerId: string;
  personId: string;
  comment: string;
} & (
  | { careUnitId: string; assignmentId: string; accessOperationId?: null; templateId?: null }
  | {
      careUnitId?: null;
      assignmentId?: null;
      accessOperationId: string;
      templateId: string;
      professionId: string;
    }
);

/** What became of a removal: the revoke order placed for it, or why none was needed. */
export interface ReviewRevoke {
  itemId: string;
  orderId: string | null;
  orderNumber: string | null;
  /** `PLACED`, `ALREADY_PENDING` (an open line ends it already) or `NOT_HELD` (ended meanwhile). */
  outcome: 'PLACED' | 'ALREADY_PENDING' | 'NOT_HELD';
}

/**
 * Places the revoke orders (Avslut) of a signed review, one per reviewer, person and unit with
 * every assignment removed there (or, for templates, one access order per reviewer, person and
 * verksamhet with every template removed there, handed over to its systems instead of carried
 * out), dated the campaign's revoke date, with the reviewer as orderer
 * and attestant. The signed review is their attest: they are approved at once by the same
 * signature (`sign_request_id`; none when a campaign closes by its rule "revoke", whose actor is
 * the system), marked placed by the system, and carried out now if their date has come;
 * the scheduler's due-orders job carries out the later ones (rule 15). A holding with an open
 * line already, or no longer held, gets none. All in the caller's transaction (the signing's).
 */
export async function placeReviewRevokes(
  m: EntityManager,
  machine: OrderStateMachine,
  carryOut: CarryOutService,
  input: {
    /** The signer of the review; null when the system closes a campaign by its rule. */
    actorId: string | null;
    signRequestId: string | null;
    revokeDate: string;
    today: string;
    campaignName: string;
    removals: readonly ReviewRemoval[];
  },
): Promise<ReviewRevoke[]> {
  if (input.removals.length === 0) return [];
  const states = await m.query<{ n: string; held: boolean; pending: boolean }[]>(
    `SELECT r.n::text AS n,
            CASE WHEN r.template_id IS NULL
                 THEN ${holdsAssignmentSql('r.person_id', 'r.assignment_id', '$4')}
                 ELSE ${holdsTemplateSql('r.person_id', 'r.template_id')} END AS held,
            EXISTS (SELECT 1 FROM vmu_order_item i
                     WHERE i.end_user_id = r.person_id AND i.status = 'PENDING'
                       AND (i.assignment_id = r.assignment_id
                            OR i.template_id = r.template_id OR i.previous_template_id = r.template_id)) AS pending
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[]) WITH ORDINALITY AS r(person_id, assignment_id, template_id, n)`,
    [
      input.removals.map((r) => r.personId),
      input.removals.map((r) => r.assignmentId ?? null),
      input.removals.map((r) => r.templateId ?? null),
      input.today,
    ],
  );
  const answers: ReviewRevoke[] = [];
  const groups = new Map<string, ReviewRemoval[]>();
  for (const state of states) {
    const removal = input.removals[Number(state.n) - 1];
    if (!state.held || state.pending) {
      answers.push({
        itemId: removal.itemId,
        orderId: null,
        orderNumber: null,
        outcome: state.held ? 'ALREADY_PENDING' : 'NOT_HELD',
      });
      continue;
    }
    // One order per reviewer, person and care unit (VMU) or verksamhet (a template's access order).
    const key = `${removal.reviewerId}/${removal.personId}/${removal.careUnitId ?? removal.accessOperationId}`;
    groups.set(key, [...(groups.get(key) ?? []), removal]);
  }
  const grouped = [...groups.values()];
  if (grouped.length === 0) return answers;
  const drafts: OrderDraft[] = grouped.map((removals) => {
    const first = removals[0];
    const common = {
      type: 'REVOKE' as const,
      endUserId: first.personId,
      ordererId: first.reviewerId,
      attestantId: first.reviewerId,
      startDate: input.revokeDate,
      endDate: null,
      urgent: false,
      comment:
        `Borttagen vid granskningen "${input.campaignName}": ${[...new Set(removals.map((r) => r.comment))].join(' / ')}`.slice(
          0,
          1000,
        ),
      batchId: null,
    };
    if (first.templateId) {
      return {
        ...common,
        kind: 'ACCESS' as const,
        careUnitId: null,
        accessOperationId: first.accessOperationId,
        assignmentIds: [],
        templateLines: removals.map((r) => ({
          templateId: r.templateId as string,
          professionId: (r as { professionId: string }).professionId,
        })),
      };
    }
    return {
      ...common,
      careUnitId: first.careUnitId as string,
      assignmentIds: removals.map((r) => r.assignmentId as string),
    };
  });
  const created = await machine.create(m, drafts, input.actorId);
  const ids = created.map((c) => c.order.id);
  await m.query(`UPDATE vmu_order SET placed_by_system = true WHERE id = ANY($1::uuid[])`, [ids]);
  await machine.applyMany(m, ids, {
    action: 'ORDER_APPROVED',
    actorId: input.actorId,
    to: 'APPROVED',
    set: input.signRequestId ? { signRequestId: input.signRequestId } : {},
  });
  await carryOut.carryOutManyIfDue(m, ids);
  created.forEach((c, n) => {
    for (const removal of grouped[n]) {
      answers.push({
        itemId: removal.itemId,
        orderId: c.order.id,
        orderNumber: c.order.orderNumber,
        outcome: 'PLACED',
      });
    }
  });
  return answers;
}
