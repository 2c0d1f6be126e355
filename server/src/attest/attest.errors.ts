import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/problem.js';
import { registerRuleMessages } from '../common/messages/localize.js';

/** Why a sign request for an attest is refused (docs/api-contract-attest.md), with Swedish messages. */
export const ATTEST_RULE_MESSAGES = {
  NOT_AWAITING_ATTEST: 'Beställningen väntar inte längre på attest.',
  NO_ATTEST_RIGHT: 'Du får inte längre attestera beställningen: din delegering gäller inte uppdraget.',
  NO_ACCESS_ATTEST_RIGHT:
    'Du får inte längre attestera beställningen: du har ingen rätt att attestera för verksamheten.',
  UNKNOWN_ITEM: 'Raden finns inte bland beställningens väntande rader.',
  ALL_ITEMS_REMOVED: 'Alla rader kan inte tas bort – avslå beställningen i stället.',
  REMOVE_ON_REJECT: 'Rader tas inte bort vid avslag.',
  OWN_ACCESS:
    'Du kan inte godkänna en beställning där du själv är slutanvändare – ingen ger sig själv behörighet ensam. Avslå den eller be beställaren välja en annan attestant.',
  // Rule 37: gone from the directory (KIV) since the order was placed; denying it stays possible.
  PERSON_INACTIVE:
    'Slutanvändaren är inaktiv i katalogen (finns inte längre i KIV), så beställningen kan inte godkännas. Avslå den.',
  CARE_UNIT_INACTIVE:
    'Vårdenheten är inaktiv i katalogen (finns inte längre i KIV), så beställningen kan inte godkännas. Avslå den.',
  ASSIGNMENT_INACTIVE:
    'Uppdraget är inaktivt i katalogen (finns inte längre i KIV), så raden kan inte godkännas. Ta bort raden eller avslå beställningen.',
} as const;
registerRuleMessages(ATTEST_RULE_MESSAGES);

export type AttestRule = keyof typeof ATTEST_RULE_MESSAGES;

export interface AttestViolation {
  orderId: string | null;
  orderNumber: string | null;
  itemId?: string;
  rule: AttestRule;
  message: string;
}

export const attestViolation = (
  rule: AttestRule,
  order: { id: string; orderNumber: string } | null,
  itemId?: string,
): AttestViolation => ({
  orderId: order?.id ?? null,
  orderNumber: order?.orderNumber ?? null,
  ...(itemId ? { itemId } : {}),
  rule,
  message: ATTEST_RULE_MESSAGES[rule],
});

function statusFor(violations: readonly AttestViolation[]): HttpStatus {
  if (violations.some((v) => v.rule === 'NOT_AWAITING_ATTEST')) return HttpStatus.CONFLICT;
  if (
    violations.some(
      (v) => v.rule === 'NO_ATTEST_RIGHT' || v.rule === 'NO_ACCESS_ATTEST_RIGHT' || v.rule === 'OWN_ACCESS',
    )
  ) {
    return HttpStatus.FORBIDDEN;
  }
  return HttpStatus.UNPROCESSABLE_ENTITY;
}

/** Every refused order (and line) named at once, like order-rule problems name every line. */
export function attestRuleProblem(violations: readonly AttestViolation[]): ProblemException {
  const [first] = violations;
  const detail =
    violations.length === 1
      ? first.orderNumber
        ? `${first.orderNumber}: ${first.message}`
        : first.message
      : `Attesten kan inte göras: ${violations.length} fel, se de markerade beställningarna.`;
  return new ProblemException(statusFor(violations), 'attest-rule', detail, { orders: [...violations] });
}

/**
 * At signing time an order is no longer as it was when the sign request was made: cancelled,
 * re-assigned, attested through another request, or its lines changed. The whole completion rolls
 * back with this, so the signature is not stored and nothing of the decision happens.
 */
export const attestConflict = (orderNumber: string, what: string) =>
  new ProblemException(
    HttpStatus.CONFLICT,
    'attest-conflict',
    `Beställning ${orderNumber} har ändrats medan signeringsfönstret var öppet (${what}) och kan inte ` +
      'attesteras med denna begäran. Börja om från beställningen.',
    { orderNumber },
  );

/** Rule 11 at signing time: the signer is the end user of an order the decision approves. */
export const ownAccessRefused = (orderNumber: string) =>
  attestRuleProblem([{ ...attestViolation('OWN_ACCESS', null), orderNumber }]);

export const COMMENT_REQUIRED = 'Ange en kommentar vid avslag.';
