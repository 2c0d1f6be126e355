import { HttpStatus } from '@nestjs/common';
import { ProblemDetails, Prop } from '../common/api-schema.js';
import { ProblemException, ValidationProblem } from '../common/problem.js';
import { registerRuleMessages } from '../common/messages/localize.js';
import { type OrderRule, orderRuleProblem, violation } from '../orders/orders.errors.js';
import { PersonVerdict, RuleBreach } from './mass-order.types.js';

/** Rules of a mass order beyond the wizard's, with their Swedish messages. */
export const MASS_RULE_MESSAGES = {
  DUPLICATE_PERSON: 'Personen finns redan i beställningen (två gånger, eller både tillagd och borttagen).',
} as const;
registerRuleMessages(MASS_RULE_MESSAGES);

export type MassRule = keyof typeof MASS_RULE_MESSAGES;

/**
 * Rules of the wizard that are about the send as a whole, not about one person: they are
 * reported once, not a thousand times.
 */
export const SEND_RULES: ReadonlySet<OrderRule> = new Set([
  'START_DATE_IN_PAST',
  'END_DATE_BEFORE_START',
  'ATTESTANT_MISSING',
  'ATTESTANT_NOT_ALLOWED',
  'NO_ORDER_RIGHT',
  'LOCAL_ACCESS_REQUIRED',
  // Rule 37: the assignment or its unit gone from KIV: said once, for the send.
  'CARE_UNIT_INACTIVE',
  'ASSIGNMENT_INACTIVE',
]);

export const massBreach = (rule: MassRule): RuleBreach => ({ rule, message: MASS_RULE_MESSAGES[rule] });

/** The caller may not order and attest this assignment: 403, as the wizard answers it. */
export const noOrderRight = () => orderRuleProblem([violation('NO_ORDER_RIGHT', null)]);

export const nobodyToOrder = () =>
  new ValidationProblem(
    {
      add: ['Lägg till eller ta bort minst en person.'],
      remove: ['Lägg till eller ta bort minst en person.'],
    },
    'Beställningen innehåller ingen person.',
  );

function detailFor(violations: readonly RuleBreach[], refused: readonly PersonVerdict[]): string {
  if (violations.length === 1 && refused.length === 0) return violations[0].message;
  if (violations.length > 0) return `Beställningen bryter mot ${violations.length} regler; se markeringarna.`;
  if (refused.length === 1) return `En person kan inte tas med: ${refused[0].violations[0]?.message ?? ''}`;
  return `${refused.length} personer kan inte tas med; se orsaken vid var och en.`;
}

/** `urn:beh:problem:mass-order-rule`: the send's own violations and the refused persons. */
export class MassOrderProblem extends ProblemDetails {
  @Prop.list(() => RuleBreach) violations!: RuleBreach[];
  @Prop.list(() => PersonVerdict) persons!: PersonVerdict[];
}

/**
 * A refused send: problem type `mass-order-rule` with the send's own violations and the refused
 * persons, each with their reasons. 409 when the only trouble is a line another send took
 * after our checks.
 */
export function massOrderProblem(
  violations: readonly RuleBreach[],
  refused: readonly PersonVerdict[],
  status: HttpStatus = HttpStatus.UNPROCESSABLE_ENTITY,
): ProblemException {
  return new ProblemException(status, 'mass-order-rule', detailFor(violations, refused), {
    violations: [...violations],
    persons: [...refused],
  });
}
