import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { isIsoDate } from '../common/IsoDateInput';
import { errorMessage, problemOf, violationsIn } from '../common/problem';
import type { PersonDetail } from '../types';
import { useAccessOrderApi } from './api';
import { accessItemOf } from './send';
import type { AccessViolation, NewAccessOrder, PlacedAnyOrder } from './types';
import { type AccessWizardAction, type AccessWizardState, linesByOperation } from './wizardState';

function toNewOrder(state: AccessWizardState & { person: PersonDetail }): NewAccessOrder {
  return {
    type: state.type,
    endUserId: state.person.id,
    // In the order chosen: a refusal's `accessLine` indexes this list, which is `state.lines`.
    accessItems: state.lines.map((line) => accessItemOf(line, state.type)),
    attestants: Object.fromEntries(
      linesByOperation(state.lines).map(({ operationId }) => {
        const attestantId = state.attestants[operationId];
        return [operationId, attestantId === undefined ? undefined : String(attestantId)];
      }),
    ),
    startDate: state.startDate,
    urgent: state.urgent,
    comment: state.comment.trim(),
  };
}

/**
 * "Skicka beställning": checks what the UI can (an attestant per verksamhet, a date not in the
 * past), sends, and on refusal keeps the server's violations (per line in the summary, the rest
 * above the buttons).
 */
export function useSendAccessOrder(
  state: AccessWizardState & { person: PersonDetail },
  dispatch: (action: AccessWizardAction) => void,
  today: string,
) {
  const translate = useTranslate();
  const api = useAccessOrderApi();
  const [sending, setSending] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [refusal, setRefusal] = useState<string[] | null>(null);

  const send = async () => {
    setAttempted(true);
    const order = toNewOrder(state);
    const missing = Object.values(order.attestants).some((attestantId) => attestantId === undefined);
    const problems = [
      missing ? translate('beh.accessOrders.attestantRequired') : null,
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
    setSending(true);
    setRefusal(null);
    try {
      const placed: unknown = await api.placeOrder(order);
      if (!Array.isArray(placed) || placed.length === 0) return;
      dispatch({ kind: 'placed', placed: placed as PlacedAnyOrder[] });
    } catch (error) {
      const violations = violationsIn<AccessViolation>(problemOf(error)?.violations);
      dispatch({ kind: 'refused', violations });
      const unplaced = violations.filter(
        (violation) => typeof violation.accessLine !== 'number' && violation.templateId === undefined,
      );
      setRefusal([...new Set([translate(errorMessage(error)), ...unplaced.map((v) => v.message)])]);
    } finally {
      setSending(false);
    }
  };

  return { send, sending, attempted, refusal };
}
