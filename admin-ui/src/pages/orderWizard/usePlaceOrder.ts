import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage, problemOf, violationsIn } from '../../common/problem';
import type { NewOrder, OrderViolation } from '../../orders/types';
import { useOrderApi } from '../../orders/useOrderApi';
import type { PersonDetail } from '../../types';
import { linesByUnit, type WizardAction, type WizardState } from './wizardState';

/** The send as the API wants it: the lines unit by unit, and an attestant per unit. */
function toNewOrder(state: WizardState & { person: PersonDetail }): NewOrder {
  const groups = linesByUnit(state.lines);
  return {
    type: state.type,
    endUserId: state.person.id,
    items: groups.flatMap((group) => group.lines.map((line) => ({ assignmentId: line.assignment.id }))),
    // A unit without a chosen attestant keeps `undefined`, which send() refuses before sending.
    attestants: Object.fromEntries(
      groups.map(({ unit }) => {
        const attestantId = state.attestants[String(unit.careUnitId)];
        return [String(unit.careUnitId), attestantId === undefined ? attestantId : String(attestantId)];
      }),
    ),
    startDate: state.startDate,
    urgent: state.urgent,
    comment: state.comment.trim(),
  };
}

/** A violation names its line by index into the send's items; the summary finds it by assignment. */
const withAssignmentIds = (order: NewOrder, violations: OrderViolation[]): OrderViolation[] =>
  violations.map((violation) =>
    violation.assignmentId === undefined && violation.line !== null && order.items[violation.line]
      ? { ...violation, assignmentId: order.items[violation.line].assignmentId }
      : violation,
  );

/**
 * "Skicka beställning": checks what the UI can (an attestant per unit, a date not in the past),
 * sends, and on refusal keeps the server's messages: per line in the summary, the rest above the
 * buttons.
 */
export function usePlaceOrder(
  state: WizardState & { person: PersonDetail },
  dispatch: (action: WizardAction) => void,
  today: string,
) {
  const translate = useTranslate();
  const api = useOrderApi();
  const [sending, setSending] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);

  const send = async () => {
    setAttempted(true);
    const order = toNewOrder(state);
    const missing = Object.values(order.attestants).some((attestantId) => attestantId === undefined);
    const problems = [
      missing ? translate('beh.wizard.attestantRequired') : null,
      state.startDate === '' || state.startDate < today ? translate('beh.wizard.dateInPast') : null,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0) {
      setRefusal(problems);
      return;
    }
    setSending(true);
    setRefusal(null);
    try {
      dispatch({ kind: 'placed', placed: await api.placeOrder(order) });
    } catch (error) {
      const violations = withAssignmentIds(order, violationsIn<OrderViolation>(problemOf(error)?.violations));
      dispatch({ kind: 'refused', violations });
      const unplaced = violations.filter((violation) => violation.assignmentId === undefined);
      // With one violation the detail is its message: say it once.
      setRefusal([
        ...new Set([translate(errorMessage(error)), ...unplaced.map((violation) => violation.message)]),
      ]);
    } finally {
      setSending(false);
    }
  };

  return { send, sending, attempted, refusal };
}
