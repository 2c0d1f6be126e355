import type { Rights } from '../common/auth/rights.js';
import type { AssignmentFacts } from '../directory/directory.facts.js';
import { placementViolations } from '../orders/order-rules.js';
import type { OrderType } from '../orders/order.types.js';
import { engagementElsewhere, lineWarning } from '../orders/order-warnings.js';
import type { OrderRule } from '../orders/orders.errors.js';
import type { PersonFacts } from './mass-order-facts.queries.js';
import type { CheckResult, PersonVerdict, RuleBreach } from './mass-order.types.js';
import { massBreach, SEND_RULES } from './mass-orders.errors.js';

export interface MassOrderFacts {
  assignment: AssignmentFacts;
  /** Stockholm's today. */
  today: string;
  startDate: string;
  orderer: Rights;
  /** The chosen attestant's rights; null: none chosen (a pre-check may leave it out). */
  attestant: Rights | null | undefined;
  /** The chosen attestant's person id (rule 11: never one of the persons); null: none chosen. */
  attestantId: string | null;
  add: readonly string[];
  remove: readonly string[];
  persons: ReadonlyMap<string, PersonFacts>;
}

/**
 * The verdict on every person of a mass order. Each person is one wizard send of one line, so
 * the wizard's own rules (placementViolations) decide; what they say about the send as a whole
 * (start date, attestant) is reported once. A person named twice is refused the second time.
 */
export function massOrderVerdicts(f: MassOrderFacts): CheckResult {
  const a = f.assignment;
  const sendLevel = new Map<string, RuleBreach>();
  const seen = new Set<string>();
  const judge = (personId: string, type: OrderType): PersonVerdict => {
    const facts = f.persons.get(personId);
    const found = placementViolations({
      type,
      today: f.today,
      startDate: f.startDate,
      endDate: null,
      endUser: facts,
      lines: [{ assignmentId: a.id, assignment: a }],
      held: new Set(facts?.holds ? [a.id] : []),
      pending: new Set(facts?.pending ? [a.id] : []),
      orderer: f.orderer,
      attestantChosen: new Map([[a.careUnitId, f.attestant !== null]]),
      attestantRights: new Map([[a.careUnitId, f.attestant ?? undefined]]),
      attestantIds: new Map([[a.careUnitId, f.attestantId ?? undefined]]),
      // Rule 12: a mass order holds one assignment and no template line, so an assignment that
      // requires local access cannot be granted by mass order (it is refused once, for the send).
      accessLineCount: 0,
    });
    const own: RuleBreach[] = [];
    for (const v of found) {
      if (!SEND_RULES.has(v.rule)) own.push({ rule: v.rule, message: v.message });
      else if (!(v.rule === 'ATTESTANT_MISSING' && f.attestant === null)) sendLevel.set(v.rule, v);
    }
    if (seen.has(personId)) own.unshift(massBreach('DUPLICATE_PERSON'));
    seen.add(personId);
    // Rule 2d, Engagement elsewhere is a warning: the person may be ordered once the orderer confirms.
    const warned = facts && engagementElsewhere(type, facts.engagedUnitIds, a.careUnitId);
    return {
      personId,
      type,
      ok: own.length === 0,
      violations: own,
      ...(warned ? { warnings: [lineWarning('ENGAGEMENT_ELSEWHERE')] } : {}),
    };
  };
  const persons = [...f.add.map((id) => judge(id, 'GRANT')), ...f.remove.map((id) => judge(id, 'REVOKE'))];
  const violations = [...sendLevel.values()].map((v) => ({ rule: v.rule as OrderRule, message: v.message }));
  return { ok: violations.length === 0 && persons.every((p) => p.ok), violations, persons };
}
