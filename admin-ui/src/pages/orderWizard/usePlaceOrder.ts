import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { isIsoDate } from '../../common/IsoDateInput';
import { errorMessage, problemOf, violationsIn } from '../../common/problem';
import type { NewOrder, OrderViolation, PlacedOrder } from '../../orders/types';
import { useOrderApi } from '../../orders/useOrderApi';
import { accessItemOf } from '../../accessOrders/send';
import { linesByOperation } from '../../accessOrders/lines';
import type { PersonDetail } from '../../types';
import { warningsIn } from './warnings';
import { linesByUnit, type WizardAction, type WizardState } from './wizardState';

/** The soft rules' answer: allowed once the orderer confirms (server/src/orders/order-warnings.ts). */
const ORDER_WARNINGS = 'urn:beh:problem:order-warnings';

/** The send as the API wants it: the lines unit by unit, and an attestant per unit. */
function toNewOrder(
  state: WizardState & { person: PersonDetail },
  warned: boolean,
): NewOrder & { confirmedWarnings?: boolean } {
  const groups = linesByUnit(state.lines);
  // Template lines (issue 14) go with a Nyupplägg only; a refusal's `accessLine` indexes them.
  const accessLines = state.type === 'GRANT' ? state.accessLines : [];
  return {
    type: state.type,
    endUserId: state.person.id,
    items: groups.flatMap((group) => group.lines.map((line) => ({ assignmentId: line.assignment.id }))),
    ...(accessLines.length > 0
      ? { accessItems: accessLines.map((line) => accessItemOf(line, state.type)) }
      : {}),
    // A unit (or verksamhet) without a chosen attestant keeps `undefined`, which send() refuses before sending.
    attestants: Object.fromEntries([
      ...groups.map(({ unit }) => {
        const attestantId = state.attestants[String(unit.careUnitId)];
        return [String(unit.careUnitId), attestantId === undefined ? attestantId : String(attestantId)];
      }),
      ...linesByOperation(accessLines).map(({ operationId }) => {
        const attestantId = state.accessAttestants[operationId];
        return [operationId, attestantId === undefined ? attestantId : String(attestantId)];
      }),
    ]),
    startDate: state.startDate,
    urgent: state.urgent,
    comment: state.comment.trim(),
    // Only what the orderer saw and ticked: a warning they never saw is the server's to name.
    ...(warned && state.confirmedWarnings ? { confirmedWarnings: true } : {}),
  };
}

/** A violation names its line by index into the send's items; the summary finds it by assignment. */
const withAssignmentIds = (order: NewOrder, violations: OrderViolation[]): OrderViolation[] =>
  violations.map((violation) =>
    violation.assignmentId === undefined &&
    violation.line !== null &&
    typeof (violation as { accessLine?: unknown }).accessLine !== 'number' &&
    order.items?.[violation.line]
      ? { ...violation, assignmentId: order.items[violation.line].assignmentId }
      : violation,
  );

/**
 * "Skicka beställning": checks what the UI can (an attestant per unit, a date not in the past,
 * the warnings confirmed), sends, and on refusal keeps the server's messages: per line in the
 * summary, the rest above the buttons. An `order-warnings` answer is no refusal: its warnings
 * join the review step's, to be confirmed.
 */
export function usePlaceOrder(
  state: WizardState & { person: PersonDetail },
  dispatch: (action: WizardAction) => void,
  today: string,
  /** The review step shows warnings: the send needs them confirmed. */
  warned: boolean,
  /** Called when the send stops at unconfirmed warnings (to move focus to the confirmation). */
  onUnconfirmed: () => void,
) {
  const translate = useTranslate();
  const api = useOrderApi();
  const [sending, setSending] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);

  const send = async () => {
    setAttempted(true);
    const order = toNewOrder(state, warned);
    const missing = Object.values(order.attestants).some((attestantId) => attestantId === undefined);
    const problems = [
      missing ? translate('beh.wizard.attestantRequired') : null,
      state.startDate !== '' && !isIsoDate(state.startDate)
        ? translate('beh.dateInput.invalid')
        : state.startDate === '' || state.startDate < today
          ? translate('beh.wizard.dateInPast')
          : null,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0) {
      setRefusal(problems);
      return;
    }
    if (warned && !state.confirmedWarnings) {
      setRefusal(null);
      onUnconfirmed();
      return;
    }
    setSending(true);
    setRefusal(null);
    try {
      const placed: unknown = await api.placeOrder(order);
      // A send that found the session gone signs the user out, and react-admin then resolves the
      // call with no orders: nothing was placed, and the draft waits for the new sign-in.
      if (!Array.isArray(placed) || placed.length === 0) return;
      dispatch({ kind: 'placed', placed: placed as PlacedOrder[] });
    } catch (error) {
      const problem = problemOf(error);
      if (problem?.type === ORDER_WARNINGS) {
        dispatch({ kind: 'warned', warnings: warningsIn(problem.warnings) });
        onUnconfirmed();
        return;
      }
      const violations = withAssignmentIds(order, violationsIn<OrderViolation>(problemOf(error)?.violations));
      dispatch({ kind: 'refused', violations });
      // Template lines' violations (`accessLine`) are shown on those lines.
      const unplaced = violations.filter(
        (violation) =>
          violation.assignmentId === undefined &&
          typeof (violation as { accessLine?: unknown }).accessLine !== 'number',
      );
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
