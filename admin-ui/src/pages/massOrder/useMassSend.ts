import { useState } from 'react';
import { type Identifier, useTranslate } from 'react-admin';
import { todayInStockholm } from '../../common/dates';
import { errorMessage } from '../../common/problem';
import type { MassOrderAction, MassOrderState } from './massOrderState';
import { massRefusal } from './refusal';
import type { MassOrderCheck, MassOrderSend } from './types';
import { useMassOrderApi } from './useMassOrderApi';

/** What the pre-check judges: the persons, and the attestant and date when given. */
const toCheck = (assignmentId: Identifier, state: MassOrderState): MassOrderCheck => ({
  assignmentId: String(assignmentId),
  add: state.chosen.map((person) => person.id),
  remove: state.removals.map((member) => member.id),
  attestantId: state.attestantId === undefined ? undefined : String(state.attestantId),
  startDate: state.startDate || undefined,
});

const toSend = (assignmentId: Identifier, state: MassOrderState, attestantId: Identifier): MassOrderSend => ({
  ...toCheck(assignmentId, state),
  attestantId: String(attestantId),
  startDate: state.startDate,
  urgent: state.urgent,
  comment: state.comment.trim() || null,
});

/**
 * "Kontrollera" (the server's pre-check) and "Skicka beställning". A refused send names its persons
 * the way the pre-check does, so both end in the same list of refusals.
 */
export function useMassSend(
  assignmentId: Identifier,
  state: MassOrderState,
  dispatch: (action: MassOrderAction) => void,
) {
  const translate = useTranslate();
  const api = useMassOrderApi();
  const [busy, setBusy] = useState<'check' | 'send' | null>(null);
  const [attempted, setAttempted] = useState(false);
  const [failure, setFailure] = useState<string[] | null>(null);
  const empty = state.chosen.length === 0 && state.removals.length === 0;

  const check = async () => {
    setBusy('check');
    setFailure(null);
    try {
      dispatch({ kind: 'checked', check: await api.checkMassOrder(toCheck(assignmentId, state)) });
    } catch (error) {
      setFailure([translate(errorMessage(error))]);
    } finally {
      setBusy(null);
    }
  };

  const send = async () => {
    setAttempted(true);
    const problems = [
      empty ? translate('beh.massOrder.send.nothing') : null,
      state.attestantId === undefined ? translate('beh.massOrder.send.attestantRequired') : null,
      state.startDate === '' || state.startDate < todayInStockholm()
        ? translate('beh.wizard.dateInPast')
        : null,
    ].filter((problem): problem is string => problem !== null);
    if (problems.length > 0 || state.attestantId === undefined) {
      setFailure(problems);
      return;
    }
    setBusy('send');
    setFailure(null);
    try {
      dispatch({
        kind: 'placed',
        placed: await api.placeMassOrder(toSend(assignmentId, state, state.attestantId)),
      });
    } catch (error) {
      const refusal = massRefusal(error);
      if (refusal) dispatch({ kind: 'checked', check: refusal });
      setFailure([translate(errorMessage(error))]);
    } finally {
      setBusy(null);
    }
  };

  return { check, send, busy, attempted, failure, empty };
}
