import type { Rights } from '../common/auth/rights.js';
import type { AssignmentFacts, EndUserFacts } from '../directory/directory.facts.js';
import type { OrderType } from './order.types.js';
import { type Violation, violation } from './orders.errors.js';

/** Everything the placing rules look at, gathered before deciding. */
export interface PlacementFacts {
  type: OrderType;
  /** Stockholm's today. */
  today: string;
  startDate: string;
  endDate: string | null;
  /** undefined: no such person. */
  endUser: EndUserFacts | undefined;
  /** Per line of the send, the id it names and that assignment (undefined: no such assignment). */
  lines: readonly { assignmentId: string; assignment: AssignmentFacts | undefined }[];
  /** Assignments the end user holds today. */
  held: ReadonlySet<string>;
  /** Assignments with an open order line for the end user. */
  pending: ReadonlySet<string>;
  orderer: Rights;
  /** Per care unit, the chosen attestant's rights (undefined: none chosen, or no such person). */
  attestantRights: ReadonlyMap<string, Rights | undefined>;
  /** Per care unit, whether an attestant was chosen at all. */
  attestantChosen: ReadonlyMap<string, boolean>;
  /** Per care unit, the chosen attestant's person id (rule 11: never the end user). */
  attestantIds: ReadonlyMap<string, string | undefined>;
  /**
   * How many template lines the same send holds (issue 14): a GRANT of an assignment that
   * requires local access needs at least one. Left out (mass orders): the rule is not applied.
   */
  accessLineCount?: number;
}

/** Rule 11: the person chosen to attest is the order's end user. */
export const isEndUser = (attestantId: string | undefined, endUser: { id: string }): boolean =>
  attestantId !== undefined && attestantId.toLowerCase() === endUser.id.toLowerCase();

/** The rules of one line about the end user and the assignment (the orderer's right passed). */
function lineRules(f: PlacementFacts, a: AssignmentFacts, line: number, endUser: EndUserFacts): Violation[] {
  const about = {
    assignmentId: a.id,
    assignmentName: a.name,
    careUnitId: a.careUnitId,
    careUnitName: a.careUnitName,
  };
  const found: Violation[] = [];
  if (f.type === 'GRANT') {
    if (!endUser.hasActiveEngagement) found.push(violation('NO_ACTIVE_ENGAGEMENT', line, about));
    // Rule 37, Gone from KIV gets nothing new: inactive person, unit or assignment (Avslut stays possible).
    if (!endUser.active) found.push(violation('PERSON_INACTIVE', line, about));
    if (!a.careUnitActive) found.push(violation('CARE_UNIT_INACTIVE', line, about));
    if (!a.active) found.push(violation('ASSIGNMENT_INACTIVE', line, about));
    if (a.privateProviderOnly && !endUser.privateProvider) {
      found.push(violation('PRIVATE_PROVIDER_ONLY', line, about));
    }
    if (f.held.has(a.id)) found.push(violation('ALREADY_HELD', line, about));
  } else if (!f.held.has(a.id)) {
    found.push(violation('NOT_HELD', line, about));
  }
  if (f.pending.has(a.id)) found.push(violation('ALREADY_PENDING', line, about));

  if (!f.attestantChosen.get(a.careUnitId)) {
    found.push(violation('ATTESTANT_MISSING', line, about));
  } else if (!f.attestantRights.get(a.careUnitId)?.mayAttest(a.careUnitId, a.id)) {
    found.push(violation('ATTESTANT_NOT_ALLOWED', line, about));
  }
  // Rule 11, Nobody grants himself access alone: the end user never attests his own order.
  if (isEndUser(f.attestantIds.get(a.careUnitId), endUser)) {
    found.push(violation('ATTESTANT_IS_END_USER', line, about));
  }
  return found;
}

/**
 * Every rule of a send (domain.md rules 1–3, 11, 13, 14 and 37), all at once so the wizard can mark every bad line.
 * A line the orderer has no right on says only that: what the end user holds on a unit outside
 * the orderer's rights is none of the orderer's business.
 */
export function placementViolations(f: PlacementFacts): Violation[] {
  const found: Violation[] = [];
  if (!f.endUser) found.push(violation('UNKNOWN_END_USER', null));
  if (f.startDate < f.today) found.push(violation('START_DATE_IN_PAST', null));
  if (f.endDate !== null && f.endDate < f.startDate) found.push(violation('END_DATE_BEFORE_START', null));

  const seen = new Set<string>();
  f.lines.forEach(({ assignmentId, assignment: a }, line) => {
    if (!a) {
      found.push(violation('UNKNOWN_ASSIGNMENT', line, { assignmentId }));
      return;
    }
    const about = { assignmentId: a.id, assignmentName: a.name, careUnitName: a.careUnitName };
    if (seen.has(a.id)) {
      found.push(violation('DUPLICATE_LINE', line, about));
      return;
    }
    seen.add(a.id);
    if (f.type === 'CHANGE') {
      found.push(violation('CHANGE_ONLY_FOR_TEMPLATES', line, about));
      return;
    }
    // Rule 1, Ordering needs order and attest rights: whoever orders must also be able to attest it.
    if (!(f.orderer.mayOrder(a.careUnitId, a.id) && f.orderer.mayAttest(a.careUnitId, a.id))) {
      found.push(violation('NO_ORDER_RIGHT', line, { ...about, careUnitId: a.careUnitId }));
      return;
    }
    if (f.endUser) found.push(...lineRules(f, a, line, f.endUser));
    // The assignment needs access to local or regional systems: a template line in the same send.
    if (f.type === 'GRANT' && f.accessLineCount === 0 && a.requiresLocalAccess) {
      found.push(violation('LOCAL_ACCESS_REQUIRED', line, { ...about, careUnitId: a.careUnitId }));
    }
  });
  return found;
}
