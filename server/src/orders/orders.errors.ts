import { HttpStatus } from '@nestjs/common';
import { ApiSchema } from '@nestjs/swagger';
import { ProblemDetails, Prop } from '../common/api-schema.js';
import { notFound, ProblemException } from '../common/problem.js';
import { registerRuleMessages } from '../common/messages/localize.js';

/** Every rule an order can break, each with its Swedish message (docs/api-contract-orders.md). */
export const RULE_MESSAGES = {
  NO_ORDER_RIGHT: 'Du saknar delegering för beställning och attest på vårdenheten.',
  NO_ACTIVE_ENGAGEMENT: 'Personen saknar aktivt engagemang – endast avslut kan beställas.',
  PRIVATE_PROVIDER_ONLY: 'Uppdraget får bara beställas till personal hos privat vårdgivare.',
  ALREADY_HELD: 'Personen har redan uppdraget.',
  ALREADY_PENDING: 'Det finns redan en väntande beställning av uppdraget för personen.',
  NOT_HELD: 'Personen har inte uppdraget, så det kan inte avslutas.',
  ATTESTANT_MISSING: 'Välj en attestant för vårdenheten.',
  ATTESTANT_NOT_ALLOWED: 'Attestanten får inte attestera uppdraget på vårdenheten.',
  ATTESTANT_IS_END_USER:
    'Slutanvändaren kan inte vara attestant för sin egen beställning – ingen ger sig själv behörighet ensam. Välj en annan attestant.',
  SAME_ATTESTANT: 'Personen är redan attestant för beställningen.',
  START_DATE_IN_PAST: 'Startdatumet får inte vara tidigare än i dag.',
  END_DATE_BEFORE_START: 'Slutdatumet får inte vara före startdatumet.',
  DUPLICATE_LINE: 'Uppdraget finns redan på en tidigare rad i beställningen.',
  UNKNOWN_ASSIGNMENT: 'Uppdraget finns inte i katalogen.',
  UNKNOWN_END_USER: 'Slutanvändaren finns inte i katalogen.',
  NOT_ORDERER: 'Endast beställaren kan ändra eller makulera beställningen.',
  NOT_AWAITING_ATTEST: 'Beställningen väntar inte längre på attest och kan inte ändras.',
  WRONG_STATUS: 'Beställningen har inte längre den status som krävs för detta.',
  // Access orders (issue 14): lines of behörighetsmallar for a verksamhet.
  LOCAL_ACCESS_REQUIRED:
    'Uppdraget kräver behörighet i lokala eller regionala system: lägg till en behörighetsmall i samma beställning.',
  UNKNOWN_TEMPLATE: 'Behörighetsmallen finns inte i katalogen.',
  TEMPLATE_INACTIVE: 'Behörighetsmallen är inaktiv och kan inte beställas.',
  PROFESSION_NOT_OFFERED: 'Välj en yrkeskategori som behörighetsmallen erbjuds för.',
  NO_ACCESS_ORDER_RIGHT: 'Du saknar delegering för beställning i verksamheten.',
  TEMPLATE_ALREADY_HELD: 'Personen har redan behörighetsmallen.',
  TEMPLATE_ALREADY_PENDING: 'Det finns redan en väntande beställning av behörighetsmallen för personen.',
  TEMPLATE_NOT_HELD: 'Personen har inte behörighetsmallen, så den kan inte förändras eller avslutas.',
  CHANGE_NOT_A_CHANGE:
    'Förändringen ändrar ingenting: välj en annan behörighetsmall eller en annan yrkeskategori än personen har.',
  DUPLICATE_TEMPLATE_LINE: 'Behörighetsmallen finns redan på en tidigare rad i beställningen.',
  CHANGE_ONLY_FOR_TEMPLATES: 'Förändring kan bara beställas för behörighetsmallar, inte för uppdrag.',
  // Rule 37: gone from the directory (KIV) at a sync, kept for history; Avslut stays possible.
  PERSON_INACTIVE: 'Personen är inaktiv i katalogen (finns inte längre i KIV) – endast avslut kan beställas.',
  CARE_UNIT_INACTIVE:
    'Vårdenheten är inaktiv i katalogen (finns inte längre i KIV) – endast avslut kan beställas.',
  ASSIGNMENT_INACTIVE:
    'Uppdraget är inaktivt i katalogen (finns inte längre i KIV) – endast avslut kan beställas.',
} as const;
registerRuleMessages(RULE_MESSAGES);

/**
 * The attestant rules said of a verksamhet instead of a care unit: the same codes
 * (ATTESTANT_MISSING, ATTESTANT_NOT_ALLOWED), their own Swedish (English by the Swedish, en.ts).
 */
export const ACCESS_ATTESTANT_MESSAGES = {
  ATTESTANT_MISSING: 'Välj en attestant för verksamheten.',
  ATTESTANT_NOT_ALLOWED: 'Attestanten får inte attestera beställningar i verksamheten.',
} as const satisfies Partial<Record<keyof typeof RULE_MESSAGES, string>>;

export type OrderRule = keyof typeof RULE_MESSAGES;
const ORDER_RULES = Object.keys(RULE_MESSAGES) as OrderRule[];

/**
 * One refused line (or, with `line: null`, the send as a whole). A class only so that the
 * OpenAPI description shows it; never instantiated.
 */
@ApiSchema({ name: 'OrderViolation' })
export class Violation {
  /** 0-based index into the send's `items`; null for what concerns the whole send. */
  @Prop.int({
    nullable: true,
    description: "0-based index into the send's items; null: the send as a whole.",
  })
  line!: number | null;
  @Prop.id({ optional: true }) assignmentId?: string;
  @Prop.text({ optional: true }) assignmentName?: string;
  @Prop.id({ optional: true }) careUnitId?: string;
  @Prop.text({ optional: true }) careUnitName?: string;
  /** 0-based index into the send's `accessItems`: the template line the rule is about. */
  @Prop.int({ optional: true, description: "0-based index into the send's accessItems." })
  accessLine?: number;
  @Prop.id({ optional: true }) templateId?: string;
  @Prop.text({ optional: true }) templateName?: string;
  @Prop.id({ optional: true }) accessOperationId?: string;
  @Prop.text({ optional: true }) accessOperationName?: string;
  @Prop.oneOf(ORDER_RULES, 'OrderRule') rule!: OrderRule;
  @Prop.text({ description: 'The Swedish message of the rule.' }) message!: string;
}

/** `urn:beh:problem:order-rule`: every rule the order breaks, each named. */
export class OrderRuleProblem extends ProblemDetails {
  @Prop.list(() => Violation) violations!: Violation[];
}

/** How the API documents an order-rule refusal. */
export const ORDER_RULE_REFUSAL =
  'An order rule refuses it (urn:beh:problem:order-rule): 422, 403 for NO_ORDER_RIGHT, NO_ACCESS_ORDER_RIGHT and NOT_ORDERER, 409 when the order changed meanwhile.';

export const violation = (
  rule: OrderRule,
  line: number | null,
  about: Omit<Violation, 'rule' | 'line' | 'message'> = {},
  message: string = RULE_MESSAGES[rule],
): Violation => ({ line, ...about, rule, message });

/** Rules that say the caller may not do this at all: a 403, not a 422. */
const RIGHTS_RULES: ReadonlySet<OrderRule> = new Set([
  'NO_ORDER_RIGHT',
  'NO_ACCESS_ORDER_RIGHT',
  'NOT_ORDERER',
]);
/** Rules that depend on what happened to the data meanwhile: a 409. */
const STATE_RULES: ReadonlySet<OrderRule> = new Set(['NOT_AWAITING_ATTEST', 'WRONG_STATUS']);

function statusFor(violations: readonly Violation[]): HttpStatus {
  if (violations.some((v) => RIGHTS_RULES.has(v.rule))) return HttpStatus.FORBIDDEN;
  if (violations.every((v) => STATE_RULES.has(v.rule))) return HttpStatus.CONFLICT;
  return HttpStatus.UNPROCESSABLE_ENTITY;
}

function detailFor(violations: readonly Violation[]): string {
  if (violations.length === 1) {
    const [v] = violations;
    const about = v.assignmentName ?? v.templateName;
    return about ? `${about}: ${v.message}` : v.message;
  }
  return `Beställningen bryter mot ${violations.length} regler; se de markerade raderna.`;
}

/** The refusal of an order rule: problem type `order-rule` with every violation named. */
export function orderRuleProblem(
  violations: readonly Violation[],
  status: HttpStatus = statusFor(violations),
): ProblemException {
  return new ProblemException(status, 'order-rule', detailFor(violations), {
    violations: [...violations],
  });
}

/** Not found, and also what someone who may not see an order gets: existence does not leak. */
export const orderNotFound = () => notFound('Beställningen');
